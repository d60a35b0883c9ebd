using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KumaTip.Bench;

/// <summary>
/// Issue 13's figure for KUMA's flow beside the events: from the analyst's click on Request («Запрос») in the
/// enrichment window to the filled panel in the details area, what KumaTip adds to TIP's own latency. Real Chromium
/// does what the analyst does, for each of N observables no cache holds: the events page, the event, its observable,
/// Show info from Threat Lookup, the window Details («Подробнее»), Enrich, Request. The page itself records when the
/// click happened and when the panel was painted; the TIP simulator records how long it took for the lookup's
/// request; the difference is KumaTip's share (form post, task queue, worker, push, panel fetch and placement).
/// </summary>
public static class PanelBenchmark
{
    public const double AddedP99TargetMs = 100;

    /// <summary>Debian's Chromium, as the browser tests use it: Playwright never downloads a browser of its own here.</summary>
    private const string ChromiumPath = "/usr/bin/chromium";

    private const string AnalystName = "bench.panel";
    private const string AnalystPassword = "Bench-Analyst-2026!";

    /// <summary>Lookups per warm-up round (their own observables), until a round keeps the JIT nearly idle.</summary>
    private const int WarmUpRound = 10;

    /// <summary>How long the analyst looks at the enrichment window before Request.</summary>
    public const int ReadingPauseMs = 500;

    private static readonly string[] ChromiumArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"];

    /// <summary>
    /// Installed in every page before its own scripts: the click on Request (the event's own time stamp), the moment
    /// the progress view appears in the details area, the task hub's push that the task completed, and the moment the
    /// panel is placed there and then painted (the first task after the next animation frame). Times are epoch
    /// milliseconds, comparable with the server's clock.
    /// </summary>
    private const string TimingScript = """
        (() => {
          const bench = window.__panelBench = { click: 0, progress: 0, pushed: 0, requested: 0, firstByte: 0, lastByte: 0, bytes: 0, waited: 0, read: 0, inserted: 0, painted: 0 };
          const now = () => performance.timeOrigin + performance.now();
          // When the page has the panel's text in hand (the fetch's body read), before it parses and places it.
          const text = Response.prototype.text;
          Response.prototype.text = async function () {
            const body = await text.call(this);
            if (bench.click && body.includes('data-testid="observable-panel"')) bench.read = now();
            return body;
          };
          document.addEventListener('kumatip:task-changed', (e) => {
            if (bench.click && !bench.pushed && e.detail.state === 'Completed') bench.pushed = now();
          }, true);
          document.addEventListener('click', (e) => {
            if (bench.click || !e.target.closest || !e.target.closest('[data-lookup-dialog] form[data-lookup-window] button[type=submit]')) return;
            bench.click = performance.timeOrigin + e.timeStamp;
            const area = document.querySelector('[data-side-panel-body]');
            const observer = new MutationObserver(() => {
              if (!bench.progress && area.querySelector('[data-task-progress]')) bench.progress = now();
              if (!area.querySelector('[data-testid="observable-panel"]')) return;
              bench.inserted = now();
              observer.disconnect();
              // The fetch that brought the panel, as the browser timed it: the progress view's wait for the outcome, or
              // the panel's own address (fetched after the push when that wait failed).
              const fetched = performance.getEntriesByType('resource')
                .filter((r) => r.name.includes('/ThreatLookup/Panel?') || (r.name.includes('/ThreatLookup/Progress/') && r.name.includes('waitSeconds='))).pop();
              if (fetched) {
                bench.requested = performance.timeOrigin + fetched.startTime;
                bench.firstByte = performance.timeOrigin + fetched.responseStart;
                bench.lastByte = performance.timeOrigin + fetched.responseEnd;
                bench.bytes = fetched.decodedBodySize;
                bench.waited = fetched.name.includes('waitSeconds=') ? 1 : 0;
              }
              requestAnimationFrame(() => setTimeout(() => { bench.painted = now(); }, 0));
            });
            observer.observe(area, { childList: true, subtree: true });
          }, true);
        })();
        """;

    public static async Task<PanelReport> RunAsync(PanelOptions options)
    {
        var machineBefore = MachineInfo.Read();
        Log($"Starting {options.Database}, the app and the TIP simulator (latency {options.LatencyMs} ms); {options}");
        using var postgres = options.Sqlite ? null : BenchPostgres.Start();
        var sqliteFile = Path.Combine(Path.GetTempPath(), "kumatip-bench-" + Guid.NewGuid().ToString("N")[..8] + ".db");
        var connectionString = postgres is null ? $"Data Source={sqliteFile};Pooling=True" : await postgres.CreateDatabaseAsync("kumatip_bench");
        var settings = new Dictionary<string, string?>();
        if (options.Workers is { } workers)
        {
            settings["Tasks:WorkerCount"] = workers.ToString(CultureInfo.InvariantCulture);
        }

        try
        {
            await using var app = new BenchApp(connectionString, ThrowawayPostgres.FreePort(), postgres is null ? "Sqlite" : "Postgres", settings);
            app.StartServer();
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var admin = await BenchApi.TokenAsync(http, "admin", BenchApp.AdminPassword);
            var main = await BenchApi.TenantIdAsync(http, admin, "Main");
            await BenchApi.CreateUserAsync(http, admin, AnalystName, "Analyst", main, AnalystPassword);
            var ingestion = await BenchApi.IngestionTokenAsync(http, admin, main);
            await using var tip = await SimulatedTip.StartAsync(app.Services, main, licenceQuota: 1_000_000, maxParallelRequests: 8);
            tip.Simulator.Faults = tip.Simulator.Faults with { LatencyMs = options.LatencyMs };

            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            using var playwright = await Playwright.CreateAsync();
            await using var chromium = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
            var context = await chromium.NewContextAsync(new() { BaseURL = app.BaseAddress.ToString().TrimEnd('/'), Locale = "en-US" });
            context.SetDefaultTimeout(60_000);
            await context.AddInitScriptAsync(TimingScript);
            var page = await context.NewPageAsync();
            await SignInAsync(page);

            using var timeline = options.Timeline > 0 ? new ServerTimeline() : null;
            var run = Guid.NewGuid().ToString("N")[..6];
            var rounds = await JitWarmUp.UntilIdleAsync(
                async round =>
                {
                    var lookups = await IngestAsync(http, ingestion, Enumerable.Range(0, WarmUpRound).Select(i => Observable($"warm{round}-{run}", i)));
                    foreach (var lookup in lookups)
                    {
                        await LookUpAsync(page, app.Services, tip, lookup);
                    }
                },
                $"{WarmUpRound} lookups through the events pages",
                maxRounds: 12);

            var timed = await IngestAsync(http, ingestion, Enumerable.Range(0, options.Observables).Select(i => Observable($"p-{run}", i)));
            Log($"{options.Observables} lookups through the events pages, one after the other");
            var loadAverage = LoadAverage.Read();
            var cpu = new CpuMeter(postgres);
            var (cpuBefore, browserBefore) = (cpu.Read(), BrowserCpuMs(postgres));
            var samples = new List<PanelSample>();
            foreach (var lookup in timed)
            {
                var sample = await LookUpAsync(page, app.Services, tip, lookup);
                samples.Add(sample);
                if (timeline is not null && samples.Count > timed.Count - options.Timeline)
                {
                    timeline.Print(sample.Click, sample.Painted, lookup.Domain);
                }

                if (samples.Count % 10 == 0)
                {
                    Log($"  {samples.Count}: click to panel {sample.TotalMs:N0} ms, TIP {sample.TipMs:N0} ms, added {sample.AddedMs:N0} ms");
                }
            }

            var spent = cpu.Read() - cpuBefore;
            var browserMs = BrowserCpuMs(postgres) - browserBefore;
            var cost = new PanelCpu(
                spent.AppMs / samples.Count, spent.PostgresMs / samples.Count, browserMs / samples.Count,
                spent.WallMs > 0 ? Math.Max(0, spent.MachineMs - spent.AppMs - spent.PostgresMs - browserMs) / spent.WallMs : 0);
            var database = postgres is null ? "SQLite (embedded)" : $"PostgreSQL {postgres.Version} (same machine)";
            return new PanelReport(options, machineBefore, MachineInfo.Read(), database, $"Chromium {chromium.Version}", rounds, loadAverage, cost, samples);
        }
        finally
        {
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>A name under a domain the simulator knows, so that every lookup fills a domain panel.</summary>
    private static string Observable(string series, int i) => $"{series}-{i:D4}.daywinners.com";

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("User name").FillAsync(AnalystName);
        await page.GetByLabel("Password").FillAsync(AnalystPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase));
        }
        catch (TimeoutException)
        {
            var shown = await page.Locator(".validation-summary-errors, .field-validation-error, .error, [role=alert]").AllInnerTextsAsync();
            throw new TimeoutException($"Signing in as {AnalystName} did not leave {page.Url}; it shows: {string.Join(" | ", shown)}");
        }
    }

    /// <summary>One event per observable (a visit to it), named after it so the list finds it by its text.</summary>
    private static async Task<IReadOnlyList<PanelLookup>> IngestAsync(HttpClient http, string ingestionToken, IEnumerable<string> domains)
    {
        var lookups = domains.Select(domain => new PanelLookup(domain, "Visit " + domain.Split('.')[0])).ToList();
        var now = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events")
        {
            Content = JsonContent.Create(lookups.Select(l => new Dictionary<string, object>
            {
                ["Timestamp"] = now.ToUnixTimeMilliseconds(),
                ["Name"] = l.EventName,
                ["DestinationHostName"] = l.Domain,
            })),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ingestionToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32() != lookups.Count)
        {
            throw new InvalidOperationException($"Ingestion answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        }

        return lookups;
    }

    /// <summary>
    /// The analyst's way from the events page to the filled panel; only the last step, Request, is timed (by the page
    /// itself). Then the lookup's task (server times) and TIP's own time for its one request (the simulator's).
    /// </summary>
    private static async Task<PanelSample> LookUpAsync(IPage page, IServiceProvider services, SimulatedTip tip, PanelLookup lookup)
    {
        await page.GotoAsync("/Events?text=" + Uri.EscapeDataString(lookup.EventName));
        await page.GetByTestId("events-table").GetByRole(AriaRole.Link, new() { Name = lookup.EventName, Exact = true }).ClickAsync();
        var area = page.GetByTestId("side-panel");
        await area.GetByRole(AriaRole.Heading, new() { Name = "Event information", Exact = true }).WaitForAsync();
        var menu = area.Locator("details.observable-menu").Filter(new() { HasText = lookup.Domain }).First;
        await menu.Locator("summary").ClickAsync();
        await menu.Locator("a[data-threat-lookup]").ClickAsync();
        await page.GetByTestId("observable-summary").Locator("a[data-enrich]").ClickAsync();
        var request = page.Locator("[data-lookup-dialog] form[data-lookup-window] button[type=submit]");
        await request.WaitForAsync();
        // The analyst reads the window (data groups, cost) before Request: the browser and the app finish what opening
        // it started, as they would, rather than sharing the cores with the timed part.
        await page.WaitForTimeoutAsync(ReadingPauseMs);
        await request.ClickAsync();
        await page.WaitForFunctionAsync("() => window.__panelBench.painted > 0", null, new() { Timeout = 60_000 });

        var times = await page.EvaluateAsync<JsonElement>("() => window.__panelBench");
        var panel = area.GetByTestId("observable-panel");
        if (await panel.GetAttributeAsync("data-observable-key") is not { } key || !key.EndsWith(lookup.Domain, StringComparison.Ordinal)
            || !await panel.GetByRole(AriaRole.Heading, new() { Name = "Domain information", Exact = true }).IsVisibleAsync())
        {
            throw new InvalidOperationException($"The details area did not show the domain panel of {lookup.Domain}.");
        }

        var served = tip.Simulator.ServedIn(lookup.Domain);
        if (served.Count != 1)
        {
            throw new InvalidOperationException($"The simulator answered {served.Count} requests for {lookup.Domain} instead of 1.");
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var task = await db.Tasks.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.Kind == ThreatLookupTaskParameters.Kind && t.Parameters.Contains(lookup.Domain))
            .Select(t => new { t.CreatedAt, t.StartedAt, t.FinishedAt })
            .SingleAsync();
        return new PanelSample(
            Click: times.GetProperty("click").GetDouble(), ProgressShown: times.GetProperty("progress").GetDouble(), Pushed: times.GetProperty("pushed").GetDouble(),
            Requested: times.GetProperty("requested").GetDouble(), FirstByte: times.GetProperty("firstByte").GetDouble(), LastByte: times.GetProperty("lastByte").GetDouble(),
            PanelBytes: times.GetProperty("bytes").GetDouble(), Waited: times.GetProperty("waited").GetDouble() > 0, Read: times.GetProperty("read").GetDouble(), Inserted: times.GetProperty("inserted").GetDouble(), Painted: times.GetProperty("painted").GetDouble(),
            TipMs: served[0].TotalMilliseconds, TaskCreated: EpochMs(task.CreatedAt), TaskStarted: EpochMs(task.StartedAt!.Value), TaskFinished: EpochMs(task.FinishedAt!.Value));
    }

    /// <summary>
    /// CPU time so far of the processes this one started, PostgreSQL's aside: Playwright's driver and the Chromium it
    /// launched (their renderers, and what they have reaped). Other programs' browsers on the machine are not counted.
    /// </summary>
    private static double BrowserCpuMs(ThrowawayPostgres? postgres)
    {
        var processes = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                // After the command name: state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                var ticks = fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
                processes[pid] = (parent, ticks);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended meanwhile, or is not ours to read.
            }
        }

        var self = Environment.ProcessId;
        bool Descends(int pid)
        {
            for (var depth = 0; depth < 64 && processes.TryGetValue(pid, out var process); depth++)
            {
                if (pid == postgres?.ServerProcessId)
                {
                    return false;
                }

                if (process.Parent == self)
                {
                    return true;
                }

                pid = process.Parent;
            }

            return false;
        }

        return processes.Where(p => p.Key != self && Descends(p.Key)).Sum(p => p.Value.Ticks) * 10.0; // USER_HZ is 100
    }

    private static double EpochMs(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).TotalMilliseconds;

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <summary>CPU per timed lookup: this process (app, simulator, Playwright's client), PostgreSQL, Chromium with Playwright's driver; and the cores other processes kept busy meanwhile.</summary>
public sealed record PanelCpu(double AppMs, double PostgresMs, double BrowserMs, double OtherCores);

/// <param name="EventName">The event's name, unique: the list's text filter finds it alone.</param>
public sealed record PanelLookup(string Domain, string EventName);

/// <summary>One lookup through the events pages. Times are epoch milliseconds (the page's and the server's clocks are the machine's).</summary>
/// <param name="ProgressShown">When the progress view appeared in the details area (0 when the task had already finished).</param>
/// <param name="Pushed">When the page heard from the task hub that the task completed (0 when it did not: read by the follower).</param>
/// <param name="Inserted">When the panel was placed in the details area; <paramref name="Painted"/>, after the next frame.</param>
/// <param name="TipMs">How long the simulator took for the lookup's request, its injected latency included.</param>
/// <param name="Requested">When the page asked for the panel; <paramref name="FirstByte"/> and <paramref name="LastByte"/>, when its answer began and ended (the browser's resource timing; 0 when not found).</param>
/// <param name="Read">When the page had the panel's text in hand (its body read), before parsing and placing it.</param>
/// <param name="Waited">The panel came in the answer to the progress view's wait for the outcome (asked for while the worker ran), not fetched after the push.</param>
public sealed record PanelSample(
    double Click, double ProgressShown, double Pushed, double Requested, double FirstByte, double LastByte, double PanelBytes, bool Waited, double Read, double Inserted, double Painted,
    double TipMs, double TaskCreated, double TaskStarted, double TaskFinished)
{
    public double TotalMs => Painted - Click;

    public double AddedMs => TotalMs - TipMs;

    /// <summary>The form post: from the click to the task queued.</summary>
    public double PostMs => TaskCreated - Click;

    /// <summary>From the task queued to a worker claiming it.</summary>
    public double PickUpMs => TaskStarted - TaskCreated;

    /// <summary>The worker's own time around the TIP request (claim to outcome, TIP's time left out).</summary>
    public double WorkerMs => TaskFinished - TaskStarted - TipMs;

    /// <summary>From the task's outcome to the panel painted: the waiting request woken, the panel rendered, sent and placed.</summary>
    public double DeliveryMs => Painted - TaskFinished;
}
