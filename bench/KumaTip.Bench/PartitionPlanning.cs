using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace KumaTip.Bench;

/// <summary>
/// What the number of day partitions costs a list that cannot prune them (the newest page, no time range): PostgreSQL
/// plans an index scan of every partition for each query Npgsql sends unprepared (ADR 013). Empty day partitions are
/// added before the oldest, as a longer retention would hold (their rows would not change the plan: the newest page
/// is read from the newest partitions), and at each count the same query is timed: planned each time (as the
/// application sends it), and as a prepared statement with a generic plan (pruned at run time), and the API's
/// administrator page (one such query per tenant) end to end.
/// </summary>
public static class PartitionPlanning
{
    private const int Runs = 30;

    public static async Task<IReadOnlyList<PlanningSample>> MeasureAsync(NpgsqlDataSource dataSource, Uri baseAddress, string admin, Guid tenantId, IEnumerable<int> partitionCounts)
    {
        using var asAdmin = BenchApi.Client(baseAddress, admin);
        var samples = new List<PlanningSample>();
        foreach (var count in partitionCounts)
        {
            var have = await PartitionCountAsync(dataSource);
            if (have > count)
            {
                continue;
            }

            try
            {
                await AddDaysBeforeOldestAsync(dataSource, count - have);
                var unbounded = await ExplainAsync(dataSource, NewestPage, tenantId);
                var slice = await ExplainAsync(dataSource, LastDaySlice, tenantId);
                var generic = await GenericPlanAsync(dataSource, tenantId);
                var api = await LatencySample.MeasureAsync($"{count} partitions", asAdmin, _ => "/api/v1/events?limit=50", 50);
                var sample = new PlanningSample(await PartitionCountAsync(dataSource), unbounded, slice, generic, api, null);
                Log($"{sample.Partitions} partitions per table: unbounded planning {unbounded.PlanningMs:N1} ms, execution {unbounded.ExecutionMs:N1} ms; "
                    + $"last day's slice {slice.PlanningMs:N1} ms, {slice.ExecutionMs:N1} ms (medians of {Runs}); generic plan {generic:N1} ms; "
                    + $"API administrator page p50 {api.P50Ms:N1} ms, p99 {api.P99Ms:N1} ms");
                samples.Add(sample);
            }
            catch (Exception ex) when (ex is PostgresException or HttpRequestException)
            {
                // A limit reached (the lock table, most likely) is a figure too.
                Log($"{count} partitions per table: {ex.Message}");
                samples.Add(new PlanningSample(await PartitionCountAsync(dataSource), default, default, 0, null, ex.Message));
                break;
            }
        }

        return samples;
    }

    private const string NewestPage = """
        SELECT "Id", "Timestamp", "Name", "SourceAddress", "DestinationAddress", "DestinationHostName", "RequestUrl"
        FROM "Events" WHERE "TenantId" = $1 ORDER BY "Timestamp" DESC, "Id" DESC LIMIT 51
        """;

    /// <summary>The first slice the application reads a newest-first page from (the last day; EventQueries.TimeSlices).</summary>
    private const string LastDaySlice = """
        SELECT "Id", "Timestamp", "Name", "SourceAddress", "DestinationAddress", "DestinationHostName", "RequestUrl"
        FROM "Events" WHERE "TenantId" = $1 AND "Timestamp" >= $2 ORDER BY "Timestamp" DESC, "Id" DESC LIMIT 51
        """;

    /// <summary>Median planning and execution time of a query, planned for its parameter each time.</summary>
    private static async Task<QueryTimes> ExplainAsync(NpgsqlDataSource dataSource, string sql, Guid tenantId)
    {
        var planning = new List<double>();
        var execution = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            await using var explain = dataSource.CreateCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + sql);
            explain.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            if (sql.Contains("$2", StringComparison.Ordinal))
            {
                // A value, as the application sends it: PostgreSQL prunes with it when planning (now() it could not).
                explain.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.AddDays(-1) });
            }
            using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!);
            planning.Add(plan.RootElement[0].GetProperty("Planning Time").GetDouble());
            execution.Add(plan.RootElement[0].GetProperty("Execution Time").GetDouble());
        }

        return new QueryTimes(Median(planning), Median(execution));
    }

    /// <summary>Median time of the same query as a prepared statement with a generic plan (partitions pruned when it runs).</summary>
    private static async Task<double> GenericPlanAsync(NpgsqlDataSource dataSource, Guid tenantId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var generic = new NpgsqlCommand("SET plan_cache_mode = force_generic_plan", connection))
        {
            await generic.ExecuteNonQueryAsync();
        }

        try
        {
            await using var query = new NpgsqlCommand(NewestPage, connection);
            query.Parameters.Add(new NpgsqlParameter { Value = tenantId });
            await query.PrepareAsync();
            var times = new List<double>();
            for (var i = 0; i < Runs + 5; i++)
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                await using (var reader = await query.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        // read to the end, as a page would
                    }
                }

                if (i >= 5)
                {
                    times.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            await query.UnprepareAsync();
            return Median(times);
        }
        finally
        {
            await using var reset = new NpgsqlCommand("RESET plan_cache_mode", connection);
            await reset.ExecuteNonQueryAsync();
        }
    }

    private static async Task AddDaysBeforeOldestAsync(NpgsqlDataSource dataSource, int days)
    {
        await using var oldest = dataSource.CreateCommand("""
            SELECT min((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']*)''\)'))[1]::timestamptz)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '"Events"'::regclass
            """);
        var first = new DateTimeOffset(DateTime.SpecifyKind((DateTime)(await oldest.ExecuteScalarAsync())!, DateTimeKind.Utc));
        for (var day = 1; day <= days; day++)
        {
            var (from, to) = (first.AddDays(-day), first.AddDays(1 - day));
            foreach (var table in new[] { "Events", "EventObservables" })
            {
                var name = $"{table}_p{from.UtcDateTime:yyyyMMdd}";
                await using var create = dataSource.CreateCommand(string.Create(
                    CultureInfo.InvariantCulture,
                    $"""
                    CREATE TABLE "{name}" (LIKE "{table}");
                    ALTER TABLE "{table}" ATTACH PARTITION "{name}" FOR VALUES FROM ('{from.UtcDateTime:yyyy-MM-dd} 00:00:00+00') TO ('{to.UtcDateTime:yyyy-MM-dd} 00:00:00+00');
                    """));
                await create.ExecuteNonQueryAsync();
            }
        }

        await using var analyze = dataSource.CreateCommand("ANALYZE \"Events\"");
        analyze.CommandTimeout = 600;
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task<int> PartitionCountAsync(NpgsqlDataSource dataSource)
    {
        await using var count = dataSource.CreateCommand("SELECT count(*) FROM pg_inherits WHERE inhparent = '\"Events\"'::regclass");
        return Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}

/// <summary>Median planning and execution time of a query, from <c>EXPLAIN ANALYZE</c>.</summary>
public readonly record struct QueryTimes(double PlanningMs, double ExecutionMs);

/// <param name="Unbounded">One tenant's newest page without a time bound (how the list read it before its slices), planned for its parameter.</param>
/// <param name="LastDay">The same page bounded to the last day, the first slice the application reads.</param>
/// <param name="GenericPlanMs">The unbounded query prepared, with a generic plan: median time end to end, from this process.</param>
/// <param name="Api">The administrator's newest page (one query per tenant per slice read, and the page's zones) through the API.</param>
/// <param name="Failure">What PostgreSQL or the API answered instead, when a limit was reached.</param>
public sealed record PlanningSample(int Partitions, QueryTimes Unbounded, QueryTimes LastDay, double GenericPlanMs, LatencySample? Api, string? Failure);
