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
/// The API's ingestion rate measured twice in the same way, with about 1,000,000 events stored and again with the
/// requested number (10,000,000 for issue 15), each time against raw COPY of the same rows; then list latency, and a
/// retention run dropping days (ADR 013) while the API ingests. Ingestion is a live feed: events of the last minutes,
/// written to today's partition; the stored past (30 whole days before today) is filled by COPY, evenly per day.
/// </summary>
public static class EventsBenchmark
{
    /// <summary>Whole UTC days before today that the stored events are spread over, evenly.</summary>
    public const int HistoryDays = 30;

    /// <summary>A live feed's events carry times from the last minutes (collectors forward with some delay).</summary>
    public static readonly TimeSpan LiveWindow = TimeSpan.FromMinutes(10);

    private static readonly DateTimeOffset Started = DateTimeOffset.UtcNow;
    private static readonly DateTimeOffset Today = new(Started.UtcDateTime.Date, TimeSpan.Zero);
    private const int WarmUpRoundEvents = 20_000;

    /// <summary>Partitions per table: the default 90 days' (with the week ahead), a year's, and about three years'.</summary>
    private static readonly int[] PlanningPartitionCounts = [98, 373, 1_000];

    public static async Task<BenchReport> RunAsync(BenchOptions options)
    {
        var machineBefore = MachineInfo.Read();
        Log($"Starting a throwaway PostgreSQL cluster; {options}");
        using var postgres = BenchPostgres.Start(options.Diagnose);
        var connectionString = await postgres.CreateDatabaseAsync("kumatip_bench");
        // The retention job is run by the benchmark itself, at the end, to be measured.
        await using var app = new BenchApp(connectionString, ThrowawayPostgres.FreePort(), settings: new Dictionary<string, string?> { ["Retention:Enabled"] = "false" });
        app.StartServer();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };

        var admin = await BenchApi.TokenAsync(http, "admin", BenchApp.AdminPassword);
        // Each ingestion measurement writes for tenants of its own, so that the index ranges it writes in today's
        // partitions start empty both times: what differs between the two is only what else is stored.
        var (firstApiTenant, firstCopyTenant) = (await CreateTenantAsync(http, admin, "Bench API 1"), await CreateTenantAsync(http, admin, "Bench COPY 1"));
        var (apiTenant, copyTenant) = (await CreateTenantAsync(http, admin, "Bench API 2"), await CreateTenantAsync(http, admin, "Bench COPY 2"));
        var fillTenant = await CreateTenantAsync(http, admin, "Bench fill");
        var firstToken = await BenchApi.IngestionTokenAsync(http, admin, firstApiTenant);
        var ingestionToken = await BenchApi.IngestionTokenAsync(http, admin, apiTenant);
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 20 }.ConnectionString);
        var cpu = new CpuMeter(postgres);
        var diagnostics = new ServerDiagnostics(postgres, dataSource, options.Diagnose);
        await diagnostics.StartAsync();
        var run = new IngestionRun(http, dataSource, cpu, diagnostics, options);

        var warmUpRounds = await JitWarmUp.UntilIdleAsync(
            async round =>
            {
                // Into the stored past: the warm-up counts towards the fill and leaves today's partition to the measured passes.
                var chunks = new DemoEventGenerator(98 + round).Generate(WarmUpRoundEvents, Today, TimeSpan.FromDays(HistoryDays)).Chunk(options.BatchSize).ToList();
                await TimeAsync(chunks.Select(chunk => (Json: EventJson.Batch(chunk), Count: chunk.Length)).ToList(), options.Senders, b => PostAsync(http, firstToken, b.Json, b.Count));
                await TimeAsync(chunks.Select(chunk => RawCopy.Prepare(chunk, fillTenant, Today)).ToList(), options.Senders, b => RawCopy.WriteAsync(dataSource, b));
            },
            $"{WarmUpRoundEvents:N0} events through each path");

        // The history's days hold the same number of events each, sized so that the fill to --events covers all of them:
        // what warm-up stored is spread over them already, and the first measurement writes to today.
        var warmedUp = await ScalarAsync(dataSource, "SELECT count(*) FROM \"Events\"");
        var firstMeasurement = 2L * (LeadInEvents + (IngestionPoint.Rounds * options.IngestEvents));
        var perDay = (int)Math.Ceiling(Math.Max(0, options.TotalEvents - warmedUp - firstMeasurement) / (double)HistoryDays);
        var history = new HistoryFill(dataSource, fillTenant, Today, Math.Max(1, perDay), HistoryDays, options.Senders);
        await FillAsync(dataSource, history, options.FirstEvents);
        var first = await run.MeasureAsync(seed: 7, firstToken, firstCopyTenant);
        await FillAsync(dataSource, history, options.TotalEvents);
        var second = await run.MeasureAsync(seed: 8, ingestionToken, copyTenant);

        await ExecuteAsync(dataSource, "VACUUM ANALYZE \"Events\"");
        await ExecuteAsync(dataSource, "VACUUM ANALYZE \"EventObservables\"");
        var total = await ScalarAsync(dataSource, "SELECT count(*) FROM \"Events\"");
        var observables = await ScalarAsync(dataSource, "SELECT count(*) FROM \"EventObservables\"");
        Log($"{total:N0} events, {observables:N0} observable rows; measuring latency");

        var red = await MarkRedAsync(dataSource);
        Log($"Red in the Threat Lookup cache: {string.Join(", ", RedKeys)}; {red:N0} events hold one of them");
        var analyst = await CreateAnalystAsync(http, admin, apiTenant);
        var latencyServer = await diagnostics.TakeAsync();
        var latencies = await MeasureLatencyAsync(app.BaseAddress, admin, analyst, options.Requests, await TenantCountAsync(http, admin));
        foreach (var line in await diagnostics.SinceAsync(latencyServer))
        {
            Log("  during latency: " + line);
        }

        var retention = await RetentionMeasurement.RunAsync(app, http, admin, ingestionToken, dataSource, options, fillTenant, Today);
        var planning = await PartitionPlanning.MeasureAsync(dataSource, app.BaseAddress, admin, apiTenant, PlanningPartitionCounts);
        var machineAfter = MachineInfo.Read();
        return new BenchReport(options, warmUpRounds, machineBefore, machineAfter, postgres.Version, total, observables, first, second, latencies)
        {
            Retention = retention,
            Planning = planning,
        };
    }

    /// <summary>Fills the stored past by COPY until <paramref name="target"/> events are stored (nothing when they already are).</summary>
    private static async Task FillAsync(NpgsqlDataSource dataSource, HistoryFill history, long target)
    {
        var stored = await ScalarAsync(dataSource, "SELECT count(*) FROM \"Events\"");
        if (stored >= target)
        {
            return;
        }

        Log($"Filling the past {HistoryDays} days up to {target:N0} events by COPY ({history.EventsPerDay:N0} a day, newest day first): {target - stored:N0} to write");
        var started = Stopwatch.GetTimestamp();
        var written = await history.WriteAsync(target - stored);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Log($"  {written:N0} written in {seconds:N0} s ({written / seconds:N0} events/s)");
    }

    /// <summary>
    /// One measurement of ingestion with the events stored so far: the same method and batch shape each time. The
    /// store is first brought to the same state (vacuumed and analysed, as autovacuum keeps a table that has stopped
    /// growing; a checkpoint, so that none is due during the passes), then a live feed's events are posted through
    /// the API, and the same rows written again by raw COPY to another tenant.
    /// </summary>
    private sealed class IngestionRun(HttpClient http, NpgsqlDataSource dataSource, CpuMeter cpu, ServerDiagnostics diagnostics, BenchOptions options)
    {
        /// <param name="ingestionToken">The token of the tenant the API pass writes for.</param>
        /// <param name="copyTenant">The tenant the raw COPY pass writes for.</param>
        public async Task<IngestionPoint> MeasureAsync(int seed, string ingestionToken, Guid copyTenant)
        {
            await ExecuteAsync(dataSource, "VACUUM ANALYZE \"Events\"");
            await ExecuteAsync(dataSource, "VACUUM ANALYZE \"EventObservables\"");
            await ExecuteAsync(dataSource, "CHECKPOINT");
            var store = await StoreFigures.ReadAsync(dataSource, DateTimeOffset.UtcNow);
            Log($"Measuring ingestion with {store.Events:N0} events stored ({store.Bytes / Mib:N0} MiB, indexes {store.IndexBytes / Mib:N0} MiB; "
                + $"today's partitions: {store.TodayEvents:N0} events, indexes {store.TodayIndexBytes / Mib:N0} MiB)");

            var n = options.IngestEvents;
            // Untimed, the same way: each connection meets today's partitions (and this tenant) before the timing starts.
            var leadIn = new DemoEventGenerator(seed + 100).Generate(LeadInEvents, DateTimeOffset.UtcNow, LiveWindow).Chunk(options.BatchSize).ToList();
            await TimeAsync(leadIn.Select(chunk => (Json: EventJson.Batch(chunk), Count: chunk.Length)).ToList(), options.Senders, b => PostAsync(http, ingestionToken, b.Json, b.Count));
            await TimeAsync(leadIn.Select(chunk => RawCopy.Prepare(chunk, copyTenant, DateTimeOffset.UtcNow)).ToList(), options.Senders, b => RawCopy.WriteAsync(dataSource, b));

            var load = LoadAverage.Read();
            var apiRounds = new List<IngestionCost>();
            var copyRounds = new List<IngestionCost>();
            for (var round = 1; round <= IngestionPoint.Rounds; round++)
            {
                var now = DateTimeOffset.UtcNow;
                var events = new DemoEventGenerator((seed * 10) + round).Generate(n, now, LiveWindow).Chunk(options.BatchSize).ToList();
                var batches = events.Select(chunk => (Json: EventJson.Batch(chunk), Count: chunk.Length)).ToList();
                Log($"  Round {round}: API ingestion of {n:N0} live events, {options.Senders} senders");
                var (gen0, gen2, paused, allocated) = (GC.CollectionCount(0), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
                var api = await CostAsync(n, () => TimeAsync(batches, options.Senders, b => PostAsync(http, ingestionToken, b.Json, b.Count)));
                Log($"    {api.EventsPerSecond:N0} events/s; per 1,000 events: {api.AppCpuMs:N0} ms of this process's CPU (app and senders), {api.PostgresCpuMs:N0} ms of PostgreSQL's; "
                    + $"other processes kept {api.OtherCores:N2} cores busy");
                Log($"    GC: {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(2) - gen2} gen2, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:N0} ms paused, "
                    + $"{(GC.GetTotalAllocatedBytes() - allocated) / n:N0} bytes allocated per event");
                apiRounds.Add(api);
                batches.Clear();

                // The same rows, as ingestion would have made them, for the other tenant.
                var copyBatches = events.Select(chunk => RawCopy.Prepare(chunk, copyTenant, now)).ToList();
                Log($"  Round {round}: raw COPY of the same rows, {options.Senders} connections");
                var copy = await CostAsync(n, () => TimeAsync(copyBatches, options.Senders, b => RawCopy.WriteAsync(dataSource, b)));
                Log($"    {copy.EventsPerSecond:N0} events/s; per 1,000 events: {copy.AppCpuMs:N0} ms of this process's CPU, {copy.PostgresCpuMs:N0} ms of PostgreSQL's; "
                    + $"other processes kept {copy.OtherCores:N2} cores busy");
                copyRounds.Add(copy);
            }

            return new IngestionPoint(store, apiRounds, copyRounds, load);
        }

        private async Task<IngestionCost> CostAsync(int events, Func<Task<double>> pass)
        {
            var server = await diagnostics.TakeAsync();
            var before = cpu.Read();
            var seconds = await pass();
            var spent = cpu.Read() - before;
            foreach (var line in await diagnostics.SinceAsync(server))
            {
                Log("      " + line);
            }

            return new IngestionCost(events / seconds, spent.AppMs * 1000 / events, spent.PostgresMs * 1000 / events, spent.OtherCores);
        }
    }

    private const double Mib = 1024 * 1024;

    /// <summary>Events sent untimed through each path just before each measurement.</summary>
    private const int LeadInEvents = 20_000;

    private static async Task<IReadOnlyList<LatencySample>> MeasureLatencyAsync(Uri baseAddress, string admin, string analyst, int requests, int tenants)
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

        // The same for the zone filter, over all the administrator's tenants and over the analyst's one.
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
        var day = Uri.EscapeDataString(Today.AddDays(-3).ToString("O"));
        var dayEnd = Uri.EscapeDataString(Today.AddDays(-2).ToString("O"));
        return
        [
            await LatencySample.MeasureAsync("API list, newest page, analyst (1 tenant)", asAnalyst, _ => "/api/v1/events?limit=50", requests),
            await LatencySample.MeasureAsync("API list, older pages by cursor, analyst", asAnalyst, i => "/api/v1/events?limit=50&before=" + Older(i), requests),
            await LatencySample.MeasureAsync($"API list, newest page, administrator (all {tenants} tenants)", asAdmin, _ => "/api/v1/events?limit=50", requests),
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

    private static async Task<int> TenantCountAsync(HttpClient http, string admin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength();
    }

    private static Task<string> CreateAnalystAsync(HttpClient http, string admin, Guid tenantId) =>
        BenchApi.CreateUserAsync(http, admin, "bench.analyst", "Analyst", tenantId, "Bench-Analyst-2026!");

    internal static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<long> ScalarAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 600;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
