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
/// A retention run over the filled database, measured (ADR 013): every tenant's retention is cut to
/// <see cref="RetentionDays"/>, which leaves the oldest days of the fill wholly outside it (their partitions are
/// dropped) and part of one more day (deleted in batches). The API keeps ingesting meanwhile; its rate is compared
/// with the rate for as long just before.
/// </summary>
public static class RetentionMeasurement
{
    public const int RetentionDays = 28;

    public static async Task<RetentionFigures> RunAsync(BenchApp app, HttpClient http, string admin, string ingestionToken, NpgsqlDataSource dataSource, BenchOptions options)
    {
        // Recent events (the last 12 hours), posted again and again: nothing the run removes.
        var batches = new DemoEventGenerator(23).Generate(20_000, DateTimeOffset.UtcNow, TimeSpan.FromHours(12)).Chunk(options.BatchSize)
            .Select(chunk => (Json: EventJson.Batch(chunk), Count: chunk.Length)).ToList();

        await SetRetentionAsync(http, admin, RetentionDays);
        var cutoff = DateTimeOffset.UtcNow.AddDays(-RetentionDays);
        // What each partition to be dropped holds, read before the run drops it.
        var held = new Dictionary<string, long>();
        await using (var count = dataSource.CreateCommand(
            "SELECT tableoid::regclass::text, count(*) FROM \"Events\" WHERE \"Timestamp\" < $1 GROUP BY 1 UNION ALL "
            + "SELECT tableoid::regclass::text, count(*) FROM \"EventObservables\" WHERE \"Timestamp\" < $1 GROUP BY 1"))
        {
            count.Parameters.Add(new NpgsqlParameter { Value = cutoff });
            await using var reader = await count.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                held[reader.GetString(0).Trim('"')] = reader.GetInt64(1);
            }
        }

        Log($"Retention cut to {RetentionDays} days: {held.Where(h => h.Key.StartsWith("Events", StringComparison.Ordinal)).Sum(h => h.Value):N0} events are older");
        Log("API ingestion alone, 20 s");
        var alone = await IngestUntilAsync(http, ingestionToken, batches, options.Senders, Task.Delay(TimeSpan.FromSeconds(20)));
        Log($"  {alone.EventsPerSecond:N0} events/s");

        Log("API ingestion during a retention run");
        var started = Stopwatch.GetTimestamp();
        var run = Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("bench-retention");
            return (await scope.ServiceProvider.GetRequiredService<EventRetention>().RunAsync(CancellationToken.None))!;
        });
        var during = await IngestUntilAsync(http, ingestionToken, batches, options.Senders, run);
        var report = await run;
        var took = Stopwatch.GetElapsedTime(started);
        Log($"  run took {took.TotalSeconds:N1} s: {report.PartitionsDropped.Count} partitions dropped, {report.EventsDeleted:N0} events and "
            + $"{report.ObservableRowsDeleted:N0} observable rows deleted in batches; ingestion {during.EventsPerSecond:N0} events/s meanwhile");
        return new RetentionFigures(RetentionDays, took, report, alone, during, held);
    }

    private static async Task SetRetentionAsync(HttpClient http, string admin, int days)
    {
        using var list = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants");
        list.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        var tenants = await (await http.SendAsync(list)).Content.ReadFromJsonAsync<JsonElement>();
        foreach (var tenant in tenants.EnumerateArray())
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/tenants/{tenant.GetProperty("id").GetGuid()}")
            {
                Content = JsonContent.Create(new { name = tenant.GetProperty("name").GetString(), retentionDays = days }),
            };
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            (await http.SendAsync(put)).EnsureSuccessStatusCode();
        }
    }

    /// <summary>Senders post the batches round and round until <paramref name="until"/> completes.</summary>
    private static async Task<IngestionRate> IngestUntilAsync(HttpClient http, string token, IReadOnlyList<(byte[] Json, int Count)> batches, int senders, Task until)
    {
        var sent = 0L;
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            while (!until.IsCompleted)
            {
                var (json, count) = batches[(int)((uint)Interlocked.Increment(ref next) % batches.Count)];
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = new ByteArrayContent(json) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                Interlocked.Add(ref sent, count);
            }
        }));
        return new IngestionRate(sent, Stopwatch.GetElapsedTime(started));
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

public sealed record IngestionRate(long Events, TimeSpan Took)
{
    public double EventsPerSecond => Events / Took.TotalSeconds;
}

/// <summary>What one retention run over the filled database took, and the API's ingestion rate alone and during it.</summary>
/// <param name="RowsBefore">Rows older than the cutoff per partition, before the run (partitions holding none are absent).</param>
public sealed record RetentionFigures(int RetentionDays, TimeSpan Took, RetentionReport Report, IngestionRate Alone, IngestionRate During, IReadOnlyDictionary<string, long> RowsBefore);
