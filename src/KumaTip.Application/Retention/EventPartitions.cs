using System.Data;
using System.Diagnostics;
using System.Globalization;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KumaTip.Application.Retention;

/// <summary>One partition of an event table: the time range it holds (a null start: everything before its end).</summary>
public sealed record EventPartition(string Table, string Name, DateTimeOffset? From, DateTimeOffset To, bool DetachPending);

/// <summary>A partition dropped, and how long detaching and dropping it took.</summary>
public sealed record DroppedPartition(string Name, TimeSpan Took);

/// <summary>
/// PostgreSQL's daily partitions of <c>Events</c> and <c>EventObservables</c> (by Timestamp, UTC days; ADR 013):
/// created ahead, and dropped whole once every tenant's retention has passed them. Both DDL statements are the ones
/// that do not stop ingestion: a new partition is created apart and attached (SHARE UPDATE EXCLUSIVE on the parent,
/// which COPY's ROW EXCLUSIVE does not conflict with), an old one detached CONCURRENTLY and then dropped on its own.
/// </summary>
public sealed class EventPartitions(AppDbContext db)
{
    public static readonly IReadOnlyList<string> Tables = ["Events", "EventObservables"];

    private const string ListSql = """
        SELECT c.relname,
               (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']*)''\)'))[1]::timestamptz,
               (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']*)''\)'))[1]::timestamptz,
               i.inhdetachpending
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = to_regclass(quote_ident($1))
        ORDER BY 3
        """;

    /// <summary>The partitions of one of <see cref="Tables"/>, oldest first.</summary>
    public async Task<List<EventPartition>> ListAsync(string table, CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(ListSql, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var partitions = new List<EventPartition>();
        while (await reader.ReadAsync(ct))
        {
            partitions.Add(new EventPartition(
                table,
                reader.GetString(0),
                reader.IsDBNull(1) ? null : Utc(reader.GetDateTime(1)),
                Utc(reader.GetDateTime(2)),
                reader.GetBoolean(3)));
        }

        return partitions;
    }

    /// <summary>
    /// Makes sure a partition holds every time from <paramref name="firstDay"/> up to (not including)
    /// <paramref name="endDay"/>: a day partition for each missing day from today on, the days that receive events
    /// (ingestion's live feed, and the days ahead), but one partition for each run of missing days before today. Those
    /// are days a longer retention has just reached back to, or the days before the first partition: only late events
    /// arrive for them, and a partition per day would be thousands of tables at once for a retention of years, each
    /// planned and locked by every query that cannot name its days (ADR 015).
    /// </summary>
    /// <returns>The names of the partitions created.</returns>
    public async Task<List<string>> EnsureAsync(DateTimeOffset firstDay, DateTimeOffset endDay, DateTimeOffset now, CancellationToken ct)
    {
        firstDay = StartOfDay(firstDay);
        var today = StartOfDay(now);
        var created = new List<string>();
        foreach (var table in Tables)
        {
            var existing = await ListAsync(table, ct);
            DateTimeOffset? missingSince = null;
            for (var day = firstDay; day < endDay; day = day.AddDays(1))
            {
                var next = day.AddDays(1);
                var covered = existing.Exists(p => (p.From is null || p.From < next) && p.To > day);
                if (!covered && day < today)
                {
                    missingSince ??= day;
                    continue;
                }

                if (missingSince is { } since)
                {
                    created.Add(await CreateAsync(table, since, day, ct));
                    missingSince = null;
                }

                if (!covered)
                {
                    created.Add(await CreateAsync(table, day, next, ct));
                }
            }

            if (missingSince is { } rest)
            {
                created.Add(await CreateAsync(table, rest, endDay, ct));
            }
        }

        return created;
    }

    /// <summary>Makes sure ingestion finds a partition for any time a retention of <paramref name="days"/> keeps (PostgreSQL only).</summary>
    public async Task EnsureRetainedAsync(int days, DateTimeOffset now, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await EnsureAsync(now.AddDays(-days), StartOfDay(now).AddDays(2), now, ct);
        }
    }

    private async Task<string> CreateAsync(string table, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var name = to - from == TimeSpan.FromDays(1) ? $"{table}_p{Day(from)}" : $"{table}_p{Day(from)}_{Day(to)}";
        await ExecuteAsync(
            $"""
            CREATE TABLE "{name}" (LIKE "{table}");
            ALTER TABLE "{table}" ATTACH PARTITION "{name}" FOR VALUES FROM ('{Literal(from)}') TO ('{Literal(to)}');
            """,
            ct);
        return name;
    }

    private static string Day(DateTimeOffset day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Detaches and drops the partitions that hold nothing at or after <paramref name="cutoff"/>.</summary>
    public async Task<List<DroppedPartition>> DropOlderThanAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        var dropped = new List<DroppedPartition>();
        foreach (var table in Tables)
        {
            foreach (var partition in (await ListAsync(table, ct)).Where(p => p.To <= cutoff))
            {
                var started = Stopwatch.GetTimestamp();
                // CONCURRENTLY waits for the queries that may still read the partition instead of locking the parent
                // against them; FINALIZE completes a detach that an earlier run began and did not finish.
                await ExecuteAsync(
                    $"ALTER TABLE \"{table}\" DETACH PARTITION \"{partition.Name}\" {(partition.DetachPending ? "FINALIZE" : "CONCURRENTLY")}", ct);
                await ExecuteAsync($"DROP TABLE \"{partition.Name}\"", ct);
                dropped.Add(new DroppedPartition(partition.Name, Stopwatch.GetElapsedTime(started)));
            }
        }

        return dropped;
    }

    public static DateTimeOffset StartOfDay(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        return connection;
    }

    private static string Literal(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
