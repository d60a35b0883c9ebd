using System.Globalization;
using Npgsql;

namespace KumaTip.Bench;

/// <summary>
/// What the events store holds when an ingestion pass starts: events, and the bytes of both tables' partitions
/// (heap, TOAST and indexes), in all and for today's partitions, the ones a live feed writes to.
/// </summary>
public sealed record StoreFigures(long Events, long ObservableRows, long Bytes, long IndexBytes, long TodayEvents, long TodayIndexBytes)
{
    public static async Task<StoreFigures> ReadAsync(NpgsqlDataSource dataSource, DateTimeOffset now)
    {
        var day = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await using var command = dataSource.CreateCommand(
            $"""
            WITH parts AS (SELECT inhrelid AS oid FROM pg_inherits WHERE inhparent IN ('"Events"'::regclass, '"EventObservables"'::regclass)),
                 today AS (SELECT oid FROM pg_class WHERE relname IN ('Events_p{day}', 'EventObservables_p{day}'))
            SELECT (SELECT count(*) FROM "Events"),
                   (SELECT count(*) FROM "EventObservables"),
                   (SELECT coalesce(sum(pg_total_relation_size(oid)), 0) FROM parts)::bigint,
                   (SELECT coalesce(sum(pg_indexes_size(oid)), 0) FROM parts)::bigint,
                   (SELECT count(*) FROM "Events" WHERE "Timestamp" >= $1),
                   (SELECT coalesce(sum(pg_indexes_size(oid)), 0) FROM today)::bigint
            """);
        command.CommandTimeout = 600;
        command.Parameters.Add(new NpgsqlParameter { Value = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoreFigures(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    public double BytesPerEvent => Events == 0 ? 0 : (double)Bytes / Events;
}

/// <summary>
/// One measurement of ingestion: the store it started with, and <see cref="Rounds"/> rounds of the API path each
/// followed by raw COPY of the same rows. A round's rate is a few seconds of work on a shared machine, and autovacuum
/// of today's growing partitions falls into one round or another: the median round is taken, and CPU over all rounds.
/// </summary>
public sealed record IngestionPoint(StoreFigures Store, IReadOnlyList<IngestionCost> ApiRounds, IReadOnlyList<IngestionCost> CopyRounds, string LoadAverage)
{
    public const int Rounds = 3;

    public IngestionCost Api => IngestionCost.Combine(ApiRounds);

    public IngestionCost Copy => IngestionCost.Combine(CopyRounds);

    public double ApiShareOfCopy => Api.EventsPerSecond / Copy.EventsPerSecond;
}
