using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KumaTip.Application.Demo;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.IntegrationTests.Infrastructure;
using Npgsql;

namespace KumaTip.Bench;

/// <summary>
/// Ingestion through the API against raw COPY of the same rows, then list latency with the database filled up to
/// the requested number of events.
/// </summary>
public static class EventsBenchmark
{
    private static readonly DateTimeOffset End = DateTimeOffset.UtcNow;
    private static readonly TimeSpan Span = TimeSpan.FromDays(30);
    private const int WarmUpRoundEvents = 20_000;

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var machineBefore = MachineInfo.Read();
        Log($"Starting a throwaway PostgreSQL cluster; {options}");
        using var postgres = BenchPostgres.Start();
        var connectionString = await postgres.CreateDatabaseAsync("kumatip_bench");
        // The retention job is run by the benchmark itself, at the end, to be measured.
        await using var app = new BenchApp(connectionString, ThrowawayPostgres.FreePort(), settings: new Dictionary<string, string?> { ["Retention:Enabled"] = "false" });
        app.StartServer();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

        var admin = await BenchApi.TokenAsync(http, "admin", BenchApp.AdminPassword);
        var apiTenant = await CreateTenantAsync(http, admin, "Bench API");
        var copyTenant = await CreateTenantAsync(http, admin, "Bench COPY");
        var fillTenant = await CreateTenantAsync(http, admin, "Bench fill");
        var ingestionToken = await BenchApi.IngestionTokenAsync(http, admin, apiTenant);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString);

        var warmUpRounds = await JitWarmUp.UntilIdleAsync(
            async round =>
            {
                var chunks = new DemoEventGenerator(98 + round).Generate(WarmUpRoundEvents, End, Span).Chunk(options.BatchSize).ToList();
                await TimeAsync(chunks.Select(chunk => (Json: EventJson.Batch(chunk), Count: chunk.Length)).ToList(), options.Senders, b => PostAsync(http, ingestionToken, b.Json, b.Count));
                await TimeAsync(chunks.Select(chunk => RawCopy.Prepare(chunk, fillTenant, End)).ToList(), options.Senders, b => RawCopy.WriteAsync(dataSource, b));
            },
            $"{WarmUpRoundEvents:N0} events through each path");
        var warmUpEvents = 2 * WarmUpRoundEvents * warmUpRounds;

        Log($"Serialising {options.IngestEvents:N0} events into batches of {options.BatchSize:N0}");
        var batches = new DemoEventGenerator(7).Generate(options.IngestEvents, End, Span).Chunk(options.BatchSize)
            .Select(chunk => (Json: EventJson.Batch(chunk), Count: chunk.Length)).ToList();
        var apiLoad = LoadAverage.Read();
        Log($"API ingestion: {options.Senders} senders");
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var postgresCpuBefore = CpuMeter.PostgresCpuTime(postgres);
        var (gen0, gen2, paused, allocated) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
        var apiSeconds = await TimeAsync(batches, options.Senders, b => PostAsync(http, ingestionToken, b.Json, b.Count));
        var api = new IngestionCost(
            options.IngestEvents / apiSeconds,
            PerThousand(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, options.IngestEvents),
            PerThousand(CpuMeter.PostgresCpuTime(postgres) - postgresCpuBefore, options.IngestEvents));
        Log($"  {api.EventsPerSecond:N0} events/s; per 1,000 events: {api.AppCpuMs:N0} ms of this process's CPU (app and senders), {api.PostgresCpuMs:N0} ms of PostgreSQL's");
        Log($"  GC: {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(2) - gen2} gen2, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:N0} ms paused, "
            + $"{(GC.GetTotalAllocatedBytes() - allocated) / options.IngestEvents:N0} bytes allocated per event");

        var copyBatches = new DemoEventGenerator(7).Generate(options.IngestEvents, End, Span).Chunk(options.BatchSize)
            .Select(chunk => RawCopy.Prepare(chunk, copyTenant, End)).ToList();
        Log($"Raw COPY of the same rows: {options.Senders} connections");
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        postgresCpuBefore = CpuMeter.PostgresCpuTime(postgres);
        var copySeconds = await TimeAsync(copyBatches, options.Senders, b => RawCopy.WriteAsync(dataSource, b));
        var copy = new IngestionCost(
            options.IngestEvents / copySeconds,
            PerThousand(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, options.IngestEvents),
            PerThousand(CpuMeter.PostgresCpuTime(postgres) - postgresCpuBefore, options.IngestEvents));
        Log($"  {copy.EventsPerSecond:N0} events/s; per 1,000 events: {copy.AppCpuMs:N0} ms of this process's CPU, {copy.PostgresCpuMs:N0} ms of PostgreSQL's");
        copyBatches.Clear();
        batches.Clear();

        var fill = options.TotalEvents - (2 * options.IngestEvents) - warmUpEvents;
        if (fill > 0)
        {
            Log($"Filling up with {fill:N0} events by COPY");
            // Observables are extracted once for a set of template events, which are then written again and again
            // with new timestamps: the fill measures nothing, it only has to be quick.
            var templates = RawCopy.Prepare(new DemoEventGenerator(11).Generate(Math.Min(fill, 20_000), End, Span), fillTenant, End);
            var random = new Random(11);
            var fillStarted = Stopwatch.GetTimestamp();
            for (var written = 0; written < fill; written += 10_000)
            {
                var chunk = templates.Skip(written % templates.Count).Take(Math.Min(10_000, fill - written)).ToList();
                foreach (var (e, rows) in chunk)
                {
                    e.Timestamp = End.AddMilliseconds(-random.NextInt64((long)Span.TotalMilliseconds));
                    e.Timestamp = new DateTimeOffset(e.Timestamp.UtcTicks - (e.Timestamp.UtcTicks % 10), TimeSpan.Zero);
                    rows.ForEach(o => o.Timestamp = e.Timestamp);
                }

                await RawCopy.WriteAsync(dataSource, chunk);
            }

            Log($"  done in {Stopwatch.GetElapsedTime(fillStarted).TotalSeconds:N0} s");
        }

        await ExecuteAsync(dataSource, "VACUUM ANALYZE \"Events\"");
        await ExecuteAsync(dataSource, "VACUUM ANALYZE \"EventObservables\"");
        var total = await ScalarAsync(dataSource, "SELECT count(*) FROM \"Events\"");
        var observables = await ScalarAsync(dataSource, "SELECT count(*) FROM \"EventObservables\"");
        Log($"{total:N0} events, {observables:N0} observable rows; measuring latency");

        var red = await MarkRedAsync(dataSource);
        Log($"Red in the Threat Lookup cache: {string.Join(", ", RedKeys)}; {red:N0} events hold one of them");
        var analyst = await CreateAnalystAsync(http, admin, apiTenant);
        var latencies = await MeasureLatencyAsync(app.BaseAddress, admin, analyst, options.Requests);
        var retention = await RetentionMeasurement.RunAsync(app, http, admin, ingestionToken, dataSource, options);
        var machineAfter = MachineInfo.Read();
        return new BenchReport(
            options, machineBefore, machineAfter, postgres.Version, total, observables, api, copy, apiLoad, latencies)
        { Retention = retention };
    }

    private static async Task<IReadOnlyList<LatencySample>> MeasureLatencyAsync(Uri baseAddress, string admin, string analyst, int requests)
    {
        using var asAdmin = BenchApi.Client(baseAddress, admin);
        using var asAnalyst = BenchApi.Client(baseAddress, analyst);

        // Cursors of the analyst's older pages, collected before timing, so each timed request reads a different page.
        var cursors = new List<string>();
        var ids = new List<long>();
        string? before = null;
        for (var i = 0; i < requests; i++)
        {
            var page = await asAnalyst.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=50" + (before is null ? "" : "&before=" + before));
            before = page.GetProperty("older").GetString();
            ids.Add(page.GetProperty("items")[0].GetProperty("id").GetInt64());
            if (before is null)
            {
                break;
            }

            cursors.Add(before);
        }

        // The same for the zone filter, over the administrator's 4 tenants and over the analyst's one.
        async Task<List<string>> ZoneCursorsAsync(HttpClient client)
        {
            var found = new List<string>();
            string? older = null;
            for (var i = 0; i < requests; i++)
            {
                var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/events?limit=50&zone=Red" + (older is null ? "" : "&before=" + older));
                older = page.GetProperty("older").GetString();
                if (older is null)
                {
                    break;
                }

                found.Add(older);
            }

            return found;
        }

        var adminZoneCursors = await ZoneCursorsAsync(asAdmin);
        var analystZoneCursors = await ZoneCursorsAsync(asAnalyst);
        string Older(int i) => cursors.Count == 0 ? "" : cursors[i % cursors.Count];
        static string OlderOf(List<string> found, int i) => found.Count == 0 ? "" : found[i % found.Count];
        var day = Uri.EscapeDataString(End.AddDays(-3).ToString("O"));
        var dayEnd = Uri.EscapeDataString(End.AddDays(-2).ToString("O"));
        return
        [
            await LatencySample.MeasureAsync("API list, newest page, analyst (1 tenant)", asAnalyst, _ => "/api/v1/events?limit=50", requests),
            await LatencySample.MeasureAsync("API list, older pages by cursor, analyst", asAnalyst, i => "/api/v1/events?limit=50&before=" + Older(i), requests),
            await LatencySample.MeasureAsync("API list, newest page, administrator (all 4 tenants)", asAdmin, _ => "/api/v1/events?limit=50", requests),
            await LatencySample.MeasureAsync("API list, one day's range, administrator", asAdmin, _ => $"/api/v1/events?limit=50&from={day}&to={dayEnd}", requests),
            await LatencySample.MeasureAsync("API list, observable = dd.daywinners.com (rare), analyst", asAnalyst, _ => "/api/v1/events?limit=50&observable=dd.daywinners.com", requests),
            await LatencySample.MeasureAsync("API list, observable = 8.8.8.8 (frequent), administrator", asAdmin, _ => "/api/v1/events?limit=50&observable=8.8.8.8", requests),
            await LatencySample.MeasureAsync("API list, zone = Red (frequent observables), newest page, administrator", asAdmin, _ => "/api/v1/events?limit=50&zone=Red", requests),
            await LatencySample.MeasureAsync("API list, zone = Red, older pages by cursor, administrator", asAdmin, i => "/api/v1/events?limit=50&zone=Red&before=" + OlderOf(adminZoneCursors, i), requests),
            await LatencySample.MeasureAsync("API list, zone = Red (frequent observables), newest page, analyst", asAnalyst, _ => "/api/v1/events?limit=50&zone=Red", requests),
            await LatencySample.MeasureAsync("API list, zone = Red, older pages by cursor, analyst", asAnalyst, i => "/api/v1/events?limit=50&zone=Red&before=" + OlderOf(analystZoneCursors, i), requests),
            await LatencySample.MeasureAsync("Events page (HTML), analyst", asAnalyst, _ => "/Events", requests),
            await LatencySample.MeasureAsync("Events page (HTML), older pages, analyst", asAnalyst, i => "/Events?before=" + Older(i), requests),
            await LatencySample.MeasureAsync("Event information page, analyst", asAnalyst, i => $"/Events/{ids[i % ids.Count]}", requests),
            await LatencySample.MeasureAsync("API list, free text 'daywinners' (scan), analyst", asAnalyst, _ => "/api/v1/events?limit=50&text=daywinners", Math.Min(requests, 40)),
        ];
    }

    /// <summary>Frequent observables of the generated events, put in the Threat Lookup cache as Red.</summary>
    private static readonly string[] RedKeys = ["ip:8.8.8.8", "domain:dns.google", "domain:yandex.ru", "domain:dd.daywinners.com"];

    /// <summary>Puts <see cref="RedKeys"/> in the cache as looked up and Red; returns how many events hold one.</summary>
    private static async Task<long> MarkRedAsync(NpgsqlDataSource dataSource)
    {
        foreach (var key in RedKeys)
        {
            await using var insert = dataSource.CreateCommand(
                "INSERT INTO \"ObservableCache\" (\"Id\", \"Key\", \"TipType\", \"Value\", \"Zone\", \"NotFound\", \"UpdatedAt\") VALUES ($1, $2, $3, $4, $5, false, now())");
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = key[..key.IndexOf(':', StringComparison.Ordinal)] });
            insert.Parameters.Add(new NpgsqlParameter { Value = key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..] });
            insert.Parameters.Add(new NpgsqlParameter { Value = (int)TipZone.Red });
            await insert.ExecuteNonQueryAsync();
        }

        await using var count = dataSource.CreateCommand("SELECT count(DISTINCT \"EventId\") FROM \"EventObservables\" WHERE \"ObservableKey\" = ANY($1)");
        count.Parameters.Add(new NpgsqlParameter { Value = RedKeys });
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static double PerThousand(TimeSpan cpu, int events) => cpu.TotalMilliseconds * 1000 / events;

    private static async Task<double> TimeAsync<T>(IReadOnlyList<T> work, int workers, Func<T, Task> run)
    {
        var queue = new ConcurrentQueue<T>(work);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (queue.TryDequeue(out var item))
            {
                await run(item);
            }
        }));
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task PostAsync(HttpClient http, string token, byte[] json, int count)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Ingestion answered {(int)response.StatusCode}: {body}");
        }

        var accepted = JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32();
        if (accepted != count)
        {
            throw new InvalidOperationException($"Ingestion accepted {accepted} of {count}: {body[..Math.Min(body.Length, 500)]}");
        }
    }

    private static async Task<Guid> CreateTenantAsync(HttpClient http, string admin, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants") { Content = JsonContent.Create(new { name }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<string> CreateAnalystAsync(HttpClient http, string admin, Guid tenantId) =>
        BenchApi.CreateUserAsync(http, admin, "bench.analyst", "Analyst", tenantId, "Bench-Analyst-2026!");

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
