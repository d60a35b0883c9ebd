using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KumaTip.Application.Demo;
using KumaTip.Application.Identity;
using KumaTip.Application.Retention;
using KumaTip.Application.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KumaTip.Bench;

/// <summary>
/// Retention runs over the filled database (ADR 013), each measured while the API keeps ingesting a live feed:
/// <list type="number">
/// <item>every tenant's retention cut from 90 days to the stored history's length: the partitions of the empty days
/// before the history go (once, when a retention is first shortened);</item>
/// <item>then one day less, <see cref="DaysDropped"/> times: each run drops the oldest stored day, a partition of
/// events and one of observable rows, as the daily run of a full store does;</item>
/// <item>then one tenant's retention one day shorter than the others': its rows of the oldest day left are deleted in
/// batches, as for a tenant that keeps events for less time than the longest retention.</item>
/// </list>
/// The API's ingestion rate and its longest batch during each run are compared with 20 s of ingestion just before.
/// </summary>
public static class RetentionMeasurement
{
    public const int DaysDropped = 3;

    /// <summary>Ingestion alone, measured just before the runs, to compare them with.</summary>
    private static readonly TimeSpan AloneWindow = TimeSpan.FromSeconds(20);

    /// <summary>After a window, so that the batches in flight at its end are answered, and the next window starts apart.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task<RetentionFigures> RunAsync(
        BenchApp app, HttpClient http, string admin, string ingestionToken, NpgsqlDataSource dataSource, BenchOptions options, Guid shorterTenant, DateTimeOffset today)
    {
        // A live feed, posted again and again: nothing a run removes.
        var batches = new DemoEventGenerator(23).Generate(20_000, DateTimeOffset.UtcNow, EventsBenchmark.LiveWindow).Chunk(options.BatchSize)
            .Select(chunk => (Json: EventJson.Batch(chunk), Count: chunk.Length)).ToList();
        await using var ingestion = ContinuousIngestion.Start(http, ingestionToken, batches, options.Senders);
        await Task.Delay(Settle);

        var history = EventsBenchmark.HistoryDays;
        await SetRetentionAsync(http, admin, history);
        Log($"Retention cut from {Tenant.DefaultRetentionDays} to {history} days: the empty days before the stored ones go");
        var housekeeping = await RunAsync(app, ingestion);
        Log($"  {housekeeping.Report.PartitionsDropped.Count} partitions dropped in {housekeeping.Took.TotalSeconds:N1} s; "
            + $"{housekeeping.Report.EventsDeleted:N0} events deleted in batches; ingestion {housekeeping.Ingestion.EventsPerSecond:N0} events/s meanwhile");
        var aloneFrom = Stopwatch.GetTimestamp();
        await Task.Delay(AloneWindow);
        var aloneTo = Stopwatch.GetTimestamp();
        await Task.Delay(Settle);
        var alone = ingestion.Window(aloneFrom, aloneTo);
        Log($"API ingestion alone for {AloneWindow.TotalSeconds:N0} s: {alone.EventsPerSecond:N0} events/s, longest batch {alone.LongestBatchMs:N0} ms");

        var days = new List<RetentionStep>();
        for (var step = 1; step <= DaysDropped; step++)
        {
            var retention = history - step;
            await SetRetentionAsync(http, admin, retention);
            var held = await HeldAsync(dataSource, today.AddDays(-retention), tenantId: null);
            Log($"Retention {retention} days: the oldest stored day ({held.Where(h => h.Key.StartsWith("Events", StringComparison.Ordinal)).Sum(h => h.Value):N0} events) goes");
            var run = await RunAsync(app, ingestion);
            Log($"  {string.Join(", ", run.Report.PartitionsDropped.Select(d => $"{d.Name} {d.Took.TotalMilliseconds:N0} ms"))}; run {run.Took.TotalSeconds:N1} s; "
                + $"ingestion {run.Ingestion.EventsPerSecond:N0} events/s meanwhile, longest batch {run.Ingestion.LongestBatchMs:N0} ms");
            days.Add(run with { RowsBefore = held });
        }

        var shorter = history - DaysDropped - 1;
        await SetRetentionAsync(http, admin, shorter, only: shorterTenant);
        var tenantHeld = await HeldAsync(dataSource, today.AddDays(-shorter), shorterTenant);
        Log($"One tenant's retention cut to {shorter} days, the others' kept at {shorter + 1}: its rows of the oldest day are deleted in batches");
        var batched = await RunAsync(app, ingestion) with { RowsBefore = tenantHeld };
        Log($"  {batched.Report.EventsDeleted:N0} events and {batched.Report.ObservableRowsDeleted:N0} observable rows in {batched.Took.TotalSeconds:N1} s; "
            + $"ingestion {batched.Ingestion.EventsPerSecond:N0} events/s meanwhile, longest batch {batched.Ingestion.LongestBatchMs:N0} ms");
        return new RetentionFigures(history, housekeeping, alone, days, shorter, batched);
    }

    /// <summary>One retention run, and the API's ingestion from its start to its end.</summary>
    private static async Task<RetentionStep> RunAsync(BenchApp app, ContinuousIngestion ingestion)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("bench-retention");
        var report = (await scope.ServiceProvider.GetRequiredService<EventRetention>().RunAsync(CancellationToken.None))!;
        var ended = Stopwatch.GetTimestamp();
        // The batches in flight when the run ended are counted for their part within it once they are answered.
        await Task.Delay(Settle);
        return new RetentionStep(report, Stopwatch.GetElapsedTime(started, ended), ingestion.Window(started, ended), new Dictionary<string, long>());
    }

    /// <summary>Rows older than <paramref name="before"/> per partition (of one tenant, or of all), read before the run removes them.</summary>
    private static async Task<Dictionary<string, long>> HeldAsync(NpgsqlDataSource dataSource, DateTimeOffset before, Guid? tenantId)
    {
        var held = new Dictionary<string, long>();
        await using var count = dataSource.CreateCommand(
            "SELECT tableoid::regclass::text, count(*) FROM \"Events\" WHERE \"Timestamp\" < $1 AND ($2::uuid IS NULL OR \"TenantId\" = $2) GROUP BY 1 UNION ALL "
            + "SELECT tableoid::regclass::text, count(*) FROM \"EventObservables\" WHERE \"Timestamp\" < $1 AND ($2::uuid IS NULL OR \"TenantId\" = $2) GROUP BY 1");
        count.CommandTimeout = 600;
        count.Parameters.Add(new NpgsqlParameter { Value = before });
        count.Parameters.Add(new NpgsqlParameter { Value = tenantId is { } id ? id : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid });
        await using var reader = await count.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            held[reader.GetString(0).Trim('"')] = reader.GetInt64(1);
        }

        return held;
    }

    /// <summary>Sets the retention of every tenant, or of one (<paramref name="only"/>), through the API as an administrator would.</summary>
    private static async Task SetRetentionAsync(HttpClient http, string admin, int days, Guid? only = null)
    {
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var tenants = await (await http.SendAsync(list)).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var tenant in tenants.EnumerateArray().Where(t => only is null || t.GetProperty("id").GetGuid() == only))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant.GetProperty("id").GetGuid()}")
            {
                Content = JsonContent.Create(new { name = tenant.GetProperty("name").GetString(), retentionDays = days }),
            };
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(put)).EnsureSuccessStatusCode();
        }
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <summary>
/// Senders posting a live feed's batches without pause until disposed; every answered batch is recorded, so that the
/// rate and the longest batch of any window can be read afterwards. One stream for all the windows: none starts cold.
/// </summary>
public sealed class ContinuousIngestion : IAsyncDisposable
{
    private readonly ConcurrentQueue<(long Posted, long Answered, int Count)> _answered = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _senders = Task.CompletedTask;

    public static ContinuousIngestion Start(HttpClient http, string token, IReadOnlyList<(byte[] Json, int Count)> batches, int senders)
    {
        var ingestion = new ContinuousIngestion();
        var next = -1;
        ingestion._senders = Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(async () =>
        {
            while (!ingestion._stop.IsCancellationRequested)
            {
                var (json, count) = batches[(int)((uint)Interlocked.Increment(ref next) % batches.Count)];
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new ByteArrayContent(json) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var posted = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                ingestion._answered.Enqueue((posted, Stopwatch.GetTimestamp(), count));
            }
        })));
        return ingestion;
    }

    /// <summary>
    /// Events per second between two <see cref="Stopwatch"/> timestamps, each batch counted by the share of its time
    /// (posted to answered) that falls within them, and the longest batch that overlapped them.
    /// </summary>
    public IngestionRate Window(long from, long to)
    {
        var events = 0.0;
        var longest = 0L;
        foreach (var (posted, answered, count) in _answered)
        {
            var overlap = Math.Min(answered, to) - Math.Max(posted, from);
            if (overlap > 0)
            {
                events += count * (double)overlap / Math.Max(1, answered - posted);
                longest = Math.Max(longest, (long)Stopwatch.GetElapsedTime(posted, answered).TotalMilliseconds);
            }
        }

        return new IngestionRate((long)events, Stopwatch.GetElapsedTime(from, to), longest);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _senders;
        _stop.Dispose();
    }
}

/// <param name="LongestBatchMs">The longest a batch took to be answered: what a stall would show.</param>
public sealed record IngestionRate(long Events, TimeSpan Took, long LongestBatchMs)
{
    public double EventsPerSecond => Events / Took.TotalSeconds;
}

/// <summary>One retention run: what it removed, how long it took, and the API's ingestion meanwhile.</summary>
/// <param name="RowsBefore">Rows the run was to remove, per partition, counted before it (partitions holding none are absent).</param>
public sealed record RetentionStep(RetentionReport Report, TimeSpan Took, IngestionRate Ingestion, IReadOnlyDictionary<string, long> RowsBefore);

/// <summary>The retention runs over the filled database, and the API's ingestion rate alone just before them.</summary>
public sealed record RetentionFigures(
    int HistoryDays, RetentionStep Housekeeping, IngestionRate Alone, IReadOnlyList<RetentionStep> DaysDropped, int ShorterRetentionDays, RetentionStep Batched);
