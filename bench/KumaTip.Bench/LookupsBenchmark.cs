using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.IntegrationTests.Infrastructure;
using KumaTip.TipSimulator.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Bench;

/// <summary>
/// Threat Lookup in one run, against the real app and the TIP simulator over mutual TLS: cached answers under
/// concurrent clients compared with a trivial endpoint; a burst of identical lookups of one new observable; and
/// lookup throughput of distinct observables against a slow simulator with a fixed number of upstream slots.
/// </summary>
public static partial class LookupsBenchmark
{
    private const string AnalystName = "bench.analyst";
    private const string AnalystPassword = "Bench-Analyst-2026!";

    /// <summary>The details page: the panel inside the whole page (navigation, tenant picker); measured, no target.</summary>
    public const string WholeDetailsPage = "GET /ThreatLookup/Details, the panel as a whole page (cookie)";

    /// <summary>Show info from Threat Lookup beside the events, as side-panel.js fetches it.</summary>
    public const string ShowInfoBesideTheEvents = "GET /ThreatLookup/Panel?…&showInfo=true, Show info beside the events: the URL information panel alone (cookie)";

    /// <summary>A URL, so the panel measured is "URL information", as in KUMA's documentation.</summary>
    public const string CachedUrl = SimulatorFixtures.PhishingUrl;

    /// <summary>Concurrent clients submitting the throughput run's lookups.</summary>
    private const int Submitters = 16;

    /// <summary>Distinct lookups per warm-up round of the throughput path.</summary>
    private const int ThroughputWarmUpRound = 300;

    public static async Task<LookupsReport> RunAsync(LookupsOptions options)
    {
        var machineBefore = MachineInfo.Read();
        Log($"Starting {options.Database}, the app ({options.TaskWorkers} task workers) and the TIP simulator; {options}");
        using var postgres = options.Sqlite ? null : BenchPostgres.Start();
        var sqliteFile = Path.Combine(Path.GetTempPath(), "kumatip-bench-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        var connectionString = postgres is null ? $"Data Source={sqliteFile};Pooling=True" : await postgres.CreateDatabaseAsync("kumatip_bench");
        try
        {
            await using var app = new BenchApp(
                connectionString, ThrowawayPostgres.FreePort(), postgres is null ? "Sqlite" : "Postgres",
                new Dictionary<string, string?> { ["Tasks:WorkerCount"] = options.TaskWorkers.ToString(CultureInfo.InvariantCulture) });
            app.StartServer();
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var admin = await BenchApi.TokenAsync(http, "admin", BenchApp.AdminPassword);
            var main = await BenchApi.TenantIdAsync(http, admin, "Main");
            var analyst = await BenchApi.CreateUserAsync(http, admin, AnalystName, "Analyst", main, AnalystPassword);
            await using var tip = await SimulatedTip.StartAsync(app.Services, main, licenceQuota: 1_000_000, maxParallelRequests: options.Parallel);
            var cpu = new CpuMeter(postgres);

            var cached = await MeasureCachedAsync(app.BaseAddress, analyst, main, tip, options, cpu);
            var burst = await MeasureBurstAsync(app.BaseAddress, analyst, main, tip, options.Burst);
            var throughput = await MeasureThroughputAsync(app, analyst, main, tip, options, cpu);
            var database = postgres is null ? "SQLite (embedded)" : $"PostgreSQL {postgres.Version} (same machine)";
            return new LookupsReport(options, machineBefore, MachineInfo.Read(), database, cached, burst, throughput);
        }
        finally
        {
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<CachedFigures> MeasureCachedAsync(Uri baseAddress, string analyst, Guid tenantId, SimulatedTip tip, LookupsOptions options, CpuMeter cpu)
    {
        using var api = Client(baseAddress, options.Clients, cookies: null);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", analyst);
        using var anonymous = Client(baseAddress, options.Clients, cookies: null);
        var session = new CookieContainer();
        using var browser = Client(baseAddress, options.Clients, cookies: session);
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        await BenchApi.SignInAsync(browser, AnalystName, AnalystPassword);
        // As side-panel.js's fetch, this client would follow a redirect; the row checks there is none to follow.
        using var script = Client(baseAddress, options.Clients, cookies: session, followRedirects: true);
        script.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        Log($"One real lookup of {CachedUrl} fills the cache");
        var lookup = JsonBody(new { value = CachedUrl, tenantId });
        using (var first = await api.SendAsync(PostLookup(lookup)))
        {
            var task = await WaitForTaskAsync(api, await ReadQueuedTaskAsync(first));
            if (task.GetProperty("state").GetString() != "Completed")
            {
                throw new InvalidOperationException($"The first lookup did not complete: {task}");
            }
        }

        var observableUrl = "/api/v1/observables/url/" + Uri.EscapeDataString(CachedUrl);
        var pageUrl = $"/ThreatLookup/Details?value={Uri.EscapeDataString(CachedUrl)}&type=url&tenantId={tenantId}";
        // What side-panel.js fetches on Show info from Threat Lookup: the address the link names for it (data-show-info,
        // read from Event information below), the panel alone for a cached observable.
        var showInfoUrl = await ShowInfoAddressAsync(api, browser, tenantId);
        var page = await browser.GetStringAsync(pageUrl);
        using (var shown = await script.GetAsync(showInfoUrl))
        {
            var fragment = await shown.Content.ReadAsStringAsync();
            if (shown.RequestMessage?.RequestUri?.PathAndQuery != showInfoUrl || !fragment.Contains("URL information", StringComparison.Ordinal)
                || fragment.Contains("<html", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Show info beside the events did not lead to the URL information panel alone ({(int)shown.StatusCode} from {shown.RequestMessage?.RequestUri}).");
            }
        }

        if (!page.Contains("URL information", StringComparison.Ordinal) || !page.Contains("data-testid=\"observable-panel\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The details page did not show the URL information panel.");
        }

        var answerBytes = (await api.GetByteArrayAsync(observableUrl)).Length;
        var pageBytes = Encoding.UTF8.GetByteCount(page);
        Log($"  the cached answer is {answerBytes / 1024.0:N0} KiB of JSON, the panel {pageBytes / 1024.0:N0} KiB of HTML");
        var trivialPath = new LoadPath("GET /health/live (trivial, anonymous)", anonymous, () => new HttpRequestMessage(HttpMethod.Get, "/health/live"), HttpStatusCode.OK);
        LoadPath[] cachedPaths =
        [
            new("POST /api/v1/lookups, answered from the cache (token)", api, () => PostLookup(lookup), HttpStatusCode.OK),
            new("GET /api/v1/observables/url/{value} (token)", api, () => new HttpRequestMessage(HttpMethod.Get, observableUrl), HttpStatusCode.OK),
            new(ShowInfoBesideTheEvents, script, () => new HttpRequestMessage(HttpMethod.Get, showInfoUrl), HttpStatusCode.OK),
            new(WholeDetailsPage, browser, () => new HttpRequestMessage(HttpMethod.Get, pageUrl), HttpStatusCode.OK),
        ];

        // Every path is warmed before any is timed, so no timed run pays for compiling code the next one shares.
        var warmUp = Math.Max(500, options.Requests / 5);
        await JitWarmUp.UntilIdleAsync(
            async _ =>
            {
                foreach (var path in cachedPaths.Prepend(trivialPath))
                {
                    await ConcurrentLoad.WarmUpAsync(path, options.Clients, warmUp, TimeSpan.FromSeconds(options.MaxSeconds) / 3);
                }
            },
            $"{warmUp:N0} requests per path");

        Log($"{options.Clients} concurrent clients, {options.Requests:N0} requests per path (at most {options.MaxSeconds} s)");
        async Task<LoadSample> Measure(LoadPath path)
        {
            var sample = await ConcurrentLoad.MeasureAsync(path, options.Clients, options.Requests, TimeSpan.FromSeconds(options.MaxSeconds), cpu);
            Log($"  {sample.Name}: {sample.Requests:N0} requests, {sample.RequestsPerSecond:N0} requests/s, p50 {sample.P50Ms:N1} ms, p99 {sample.P99Ms:N1} ms; CPU per request: "
                + $"{sample.CpuPerRequest.AppMs:N2} ms this process, {sample.CpuPerRequest.PostgresMs:N2} ms PostgreSQL; "
                + $"{sample.CpuPerRequest.AllocatedBytes / 1024:N0} KiB allocated, {sample.CpuPerRequest.GcPauseMs:N2} ms GC pause; other processes kept {sample.OtherCores:N2} cores busy");
            return sample;
        }

        var loadAverage = LoadAverage.Read();
        var trivial = await Measure(trivialPath);
        var paths = new List<LoadSample>();
        foreach (var path in cachedPaths)
        {
            paths.Add(await Measure(path));
        }

        var upstream = tip.Simulator.RequestCount(CachedUrl);
        return new CachedFigures(trivial, paths, upstream, answerBytes, pageBytes, loadAverage);
    }

    /// <summary>
    /// The Show info address of the cached URL as Event information names it (<c>data-show-info</c>) for an event that
    /// holds the URL, ingested for this: the benchmark fetches what the script fetches, whatever that address becomes.
    /// </summary>
    private static async Task<string> ShowInfoAddressAsync(HttpClient api, HttpClient browser, Guid tenantId)
    {
        using var adminHttp = new HttpClient { BaseAddress = api.BaseAddress };
        var admin = await BenchApi.TokenAsync(adminHttp, "admin", BenchApp.AdminPassword);
        var ingestion = await BenchApi.IngestionTokenAsync(adminHttp, admin, tenantId);
        var name = "Download " + Guid.NewGuid().ToString("N")[..8];
        using (var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
        {
            Content = JsonContent.Create(new[] { new { Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Name = name, RequestUrl = CachedUrl } }),
        })
        {
            ingest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ingestion);
            (await api.SendAsync(ingest)).EnsureSuccessStatusCode();
        }

        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/events?text=" + Uri.EscapeDataString(name));
        var eventId = list.GetProperty("items")[0].GetProperty("id").GetInt64();
        var information = await browser.GetStringAsync($"/Events/{eventId}?fragment=true");
        var link = ShowInfoLink().Matches(information).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).FirstOrDefault(a => a.Contains("type=url", StringComparison.Ordinal));
        return link ?? throw new InvalidOperationException("Event information names no Show info address for the URL.");
    }

    [GeneratedRegex("data-show-info=\"([^\"]+)\"")]
    private static partial Regex ShowInfoLink();

    private static async Task<BurstFigures> MeasureBurstAsync(Uri baseAddress, string analyst, Guid tenantId, SimulatedTip tip, int burst)
    {
        var value = $"burst-{Guid.NewGuid().ToString("N")[..10]}.example.com";
        Log($"{burst:N0} concurrent identical lookups of {value}");
        // One connection per request, so all of them are in flight at once.
        using var api = Client(baseAddress, burst, cookies: null);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", analyst);
        var lookup = JsonBody(new { value, tenantId });
        var loadAverage = LoadAverage.Read();
        var started = Stopwatch.GetTimestamp();
        var responses = await Task.WhenAll(Enumerable.Range(0, burst).Select(async _ =>
        {
            using var response = await api.SendAsync(PostLookup(lookup));
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        var answeredSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var unexpected = responses.Where(r => r.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted)).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidOperationException(
                $"{unexpected.Count} of the burst's lookups answered neither 200 nor 202, e.g. {(int)unexpected[0].StatusCode}: {unexpected[0].Body[..Math.Min(300, unexpected[0].Body.Length)]}");
        }

        var queued = responses.Where(r => r.StatusCode == HttpStatusCode.Accepted).Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        var taskIds = queued.Select(q => q.GetProperty("task").GetProperty("id").GetGuid()).Distinct().ToList();
        var states = new List<string>();
        foreach (var id in taskIds)
        {
            states.Add((await WaitForTaskAsync(api, id)).GetProperty("state").GetString()!);
        }

        var doneSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var figures = new BurstFigures(
            burst, responses.Count(r => r.StatusCode == HttpStatusCode.OK), queued.Count(q => !q.GetProperty("joined").GetBoolean()),
            queued.Count(q => q.GetProperty("joined").GetBoolean()), taskIds.Count, states.Count(s => s == "Completed"),
            tip.Simulator.RequestCount(value), answeredSeconds, doneSeconds, loadAverage);
        Log($"  {figures.TasksCreated} task(s) created, {figures.Joined:N0} joined, {figures.Cached:N0} answered from the cache; "
            + $"{figures.UpstreamRequests} upstream request(s); answered in {answeredSeconds:N1} s, all tasks done in {doneSeconds:N1} s");
        return figures;
    }

    private static async Task<ThroughputFigures> MeasureThroughputAsync(BenchApp app, string analyst, Guid tenantId, SimulatedTip tip, LookupsOptions options, CpuMeter cpu)
    {
        tip.Simulator.Faults = tip.Simulator.Faults with { LatencyMs = options.LatencyMs };
        using var api = Client(app.BaseAddress, Submitters, cookies: null);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", analyst);

        // The same work as the timed run (submission, tasks, upstream latency) on other observables, until the JIT
        // has compiled the worker path: a server looks up new observables for days on optimised code.
        var warmUp = Math.Min(ThroughputWarmUpRound, options.Distinct);
        await JitWarmUp.UntilIdleAsync(
            async round =>
            {
                var since = DateTimeOffset.UtcNow;
                await SubmitAsync(api, tenantId, Enumerable.Range(0, warmUp).Select(i => DistinctObservable(i, round)));
                await WaitForAllAsync(app.Services, since, warmUp);
            },
            $"{warmUp:N0} distinct lookups, simulator latency {options.LatencyMs} ms",
            maxRounds: 8);

        var values = Enumerable.Range(0, options.Distinct).Select(i => DistinctObservable(i, series: 0)).ToList();
        Log($"{options.Distinct:N0} distinct lookups, simulator latency {options.LatencyMs} ms, {options.TaskWorkers} workers, {options.Parallel} upstream slots");
        var upstreamBefore = tip.Simulator.RequestCount();
        var loadAverage = LoadAverage.Read();
        using var memory = WorkingSetSampler.Start(TimeSpan.FromMilliseconds(100));

        var cpuBefore = cpu.Read();
        var started = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        await SubmitAsync(api, tenantId, values);
        var submittedSeconds = watch.Elapsed.TotalSeconds;
        var tasks = await WaitForAllAsync(app.Services, started, options.Distinct);
        // The last finish as the worker recorded it, not when the poll noticed it.
        var seconds = (tasks.Max(t => t.FinishedAt) - started).TotalSeconds;
        var spent = cpu.Read() - cpuBefore;
        var cpuPerLookup = spent.Per(options.Distinct);
        var sampledPeak = memory.Stop();
        var upstream = tip.Simulator.RequestCount() - upstreamBefore;
        var counts = tip.Simulator.Counts;
        var askedTwice = values.Count(v => counts.GetValueOrDefault(v) > 1);
        tip.Simulator.Faults = tip.Simulator.Faults with { LatencyMs = 0 };
        using var process = Process.GetCurrentProcess();
        var running = tasks.Select(t => (t.FinishedAt - t.StartedAt).TotalMilliseconds).Order().ToArray();
        var figures = new ThroughputFigures(
            options.Distinct, tasks.Count(t => t.State == TaskState.Completed), tasks.Count(t => t.State == TaskState.Failed), submittedSeconds, seconds,
            upstream, askedTwice, ConcurrentLoad.Percentile(running, 0.5), ConcurrentLoad.Percentile(running, 0.99),
            running.Sum() / 1000 / (options.TaskWorkers * seconds), sampledPeak, process.PeakWorkingSet64, cpuPerLookup, spent.OtherCores, loadAverage);
        Log($"  {figures.LookupsPerSecond:N1} lookups/s ({figures.LookupsPerSecond / options.IdealLookupsPerSecond:P0} of {options.IdealLookupsPerSecond:N0}); "
            + $"submitted in {submittedSeconds:N1} s, all done in {seconds:N1} s; {upstream:N0} upstream requests; peak working set {sampledPeak / 1048576.0:N0} MiB; "
            + $"CPU per lookup: {cpuPerLookup.AppMs:N1} ms this process, {cpuPerLookup.PostgresMs:N1} ms PostgreSQL; "
            + $"{cpuPerLookup.AllocatedBytes / 1024:N0} KiB allocated, {cpuPerLookup.GcPauseMs:N1} ms GC pause; "
            + $"a task runs {figures.TaskP50Ms:N0} ms (p50), {figures.TaskP99Ms:N0} ms (p99); workers busy {figures.WorkerBusyShare:P0} of the time; other processes kept {figures.OtherCores:N2} cores busy");
        return figures;
    }

    /// <summary>Submits the lookups from <see cref="Submitters"/> concurrent clients; each must queue a task (202).</summary>
    private static async Task SubmitAsync(HttpClient api, Guid tenantId, IEnumerable<string> values)
    {
        var queue = new ConcurrentQueue<string>(values);
        var notQueued = 0;
        await Task.WhenAll(Enumerable.Range(0, Submitters).Select(async _ =>
        {
            while (queue.TryDequeue(out var value))
            {
                using var response = await api.SendAsync(PostLookup(JsonBody(new { value, tenantId })));
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref notQueued);
                }
            }
        }));
        if (notQueued > 0)
        {
            throw new InvalidOperationException($"{notQueued} of the distinct lookups were not queued (202): the figures would mean nothing.");
        }
    }

    /// <summary>
    /// Domains, public IPv4 addresses and MD5 hashes in turn; new to the cache and to the simulator. Series 0 is the
    /// timed run, each warm-up round has its own series.
    /// </summary>
    private static string DistinctObservable(int i, int series) => (i % 3) switch
    {
        0 => series == 0 ? $"bench-{i:D5}.example.com" : $"warm{series}-{i:D5}.example.com",
        1 => $"{185 - series}.{16 + (i / 256)}.{i % 256}.{1 + (i % 250)}",
        _ => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(series == 0 ? $"kumatip-bench-file-{i}" : $"kumatip-bench-warm{series}-file-{i}"))),
    };

    /// <summary>Polls the task table until every task queued since <paramref name="since"/> has finished; returns those tasks.</summary>
    private static async Task<IReadOnlyList<FinishedTask>> WaitForAllAsync(IServiceProvider services, DateTimeOffset since, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tasks = db.Tasks.IgnoreQueryFilters().AsNoTracking().Where(t => t.Kind == ThreatLookupTaskParameters.Kind && t.CreatedAt >= since);
            var finished = await tasks.CountAsync(t => t.State == TaskState.Completed || t.State == TaskState.Failed || t.State == TaskState.Cancelled);
            if (finished >= expected)
            {
                return await tasks.Select(t => new FinishedTask(t.State, t.CreatedAt, t.StartedAt!.Value, t.FinishedAt!.Value)).ToListAsync();
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"Only {finished} of {expected} lookups finished in 5 minutes.");
            }

            await Task.Delay(50);
        }
    }

    private static HttpClient Client(Uri baseAddress, int connections, CookieContainer? cookies, bool followRedirects = false) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            AllowAutoRedirect = followRedirects,
        })
        { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };

    private static byte[] JsonBody(object body) => JsonSerializer.SerializeToUtf8Bytes(body, JsonSerializerOptions.Web);

    private static HttpRequestMessage PostLookup(byte[] json)
    {
        var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "/api/v1/lookups") { Content = content };
    }

    private static async Task<Guid> ReadQueuedTaskAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The lookup answered {(int)response.StatusCode} instead of 202: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> WaitForTaskAsync(HttpClient api, Guid id)
    {
        for (var i = 0; i < 10; i++)
        {
            var task = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}?waitSeconds=30");
            if (task.GetProperty("state").GetString() is not ("Queued" or "Running"))
            {
                return task;
            }
        }

        throw new TimeoutException($"Task {id} did not finish in 5 minutes.");
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

public sealed record FinishedTask(TaskState State, DateTimeOffset CreatedAt, DateTimeOffset StartedAt, DateTimeOffset FinishedAt);

public sealed record CachedFigures(LoadSample Trivial, IReadOnlyList<LoadSample> Paths, int UpstreamRequests, int AnswerBytes, int PageBytes, string LoadAverage);

/// <param name="TasksCreated">Lookups answered 202 that queued a new task (not joined).</param>
/// <param name="DistinctTasks">Distinct task ids in the 202 answers.</param>
public sealed record BurstFigures(
    int Requests, int Cached, int TasksCreated, int Joined, int DistinctTasks, int TasksCompleted, int UpstreamRequests,
    double AnsweredSeconds, double DoneSeconds, string LoadAverage);

/// <param name="Seconds">From the first submission to the last task's recorded finish.</param>
/// <param name="TaskP50Ms">How long a worker holds a task, from its claim to its recorded outcome (the upstream latency included).</param>
/// <param name="WorkerBusyShare">The share of the workers' time spent holding a task: low when they wait for work.</param>
public sealed record ThroughputFigures(
    int Lookups, int Completed, int Failed, double SubmittedSeconds, double Seconds, int UpstreamRequests, int ValuesAskedMoreThanOnce,
    double TaskP50Ms, double TaskP99Ms, double WorkerBusyShare, long SampledPeakWorkingSet, long ProcessPeakWorkingSet, CpuReading CpuPerLookup, double OtherCores, string LoadAverage)
{
    public double LookupsPerSecond => Lookups / Seconds;
}
