using System.Collections.Concurrent;
using KumaTip.Application.Caching;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KumaTip.Application.Retention;

/// <summary>What one retention run removed and created.</summary>
public sealed record RetentionReport(
    int EventsDeleted,
    int ObservableRowsDeleted,
    IReadOnlyList<string> PartitionsCreated,
    IReadOnlyList<DroppedPartition> PartitionsDropped,
    int CacheEntriesDropped);

/// <summary>
/// Removes each tenant's events whose whole UTC day is older than its retention, with their observable rows, and the
/// Threat Lookup cache entries no lookup used for <see cref="RetentionOptions.DropUnusedCacheEntriesAfter"/> (ADR 013). On PostgreSQL
/// whole daily partitions older than the longest retention are dropped, and partitions are created ahead; what a
/// shorter retention leaves in the remaining partitions, and everything on SQLite, is deleted in batches of
/// <see cref="RetentionOptions.BatchSize"/> rows, each its own short transaction, so ingestion never waits long.
/// One run at a time across instances: a PostgreSQL advisory lock (released with its session if the instance dies).
/// </summary>
public sealed class EventRetention(
    AppDbContext db, DatabaseConnection database, EventPartitions partitions, ChangePublisher changes, IOptions<RetentionOptions> options, TimeProvider time)
{
    /// <summary>The advisory lock's key: any constant no other KumaTip lock uses ("KTRETAIN").</summary>
    private const long AdvisoryLockKey = 0x4B54_5245_5441_494E;

    /// <summary>
    /// SQLite has one writer, and one process: the runs on one database file go one at a time. Kept per database, so a
    /// run on another file of the same process (another app host, as in the tests) does not turn this one away.
    /// </summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);

    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    private RetentionOptions Options => options.Value;

    /// <summary>Runs once; null, doing nothing, when another instance's run holds the lock.</summary>
    public async Task<RetentionReport?> RunAsync(CancellationToken ct)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            var gate = SqliteGates.GetOrAdd(database.ConnectionString, _ => new SemaphoreSlim(1, 1));
            if (!await gate.WaitAsync(0, ct))
            {
                return null;
            }

            try
            {
                return await RunUnlockedAsync(ct);
            }
            finally
            {
                gate.Release();
            }
        }

        // The lock lives on a connection of its own, held for the whole run: the run's statements go through the
        // context's connection, and DETACH ... CONCURRENTLY may not run inside a transaction.
        await using var lockConnection = new NpgsqlConnection(database.ConnectionString);
        await lockConnection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_try_advisory_lock({AdvisoryLockKey})", lockConnection))
        {
            if (await take.ExecuteScalarAsync(ct) is not true)
            {
                return null;
            }
        }

        try
        {
            return await RunUnlockedAsync(ct);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({AdvisoryLockKey})", lockConnection);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private async Task<RetentionReport> RunUnlockedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var tenants = await db.Tenants.IgnoreQueryFilters().AsNoTracking().Select(t => new { t.Id, t.RetentionDays }).ToListAsync(ct);
        var longest = tenants.Count == 0 ? Tenant.DefaultRetentionDays : tenants.Max(t => t.RetentionDays);

        List<string> created = [];
        List<DroppedPartition> dropped = [];
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // Every day some tenant may still keep, and the days ahead: ingestion refuses older events, so a day
            // without a partition is never written to.
            var today = EventPartitions.StartOfDay(now);
            created = await partitions.EnsureAsync(now.AddDays(-longest), today.AddDays(Options.PartitionDaysAhead + 1), now, ct);
            dropped = await partitions.DropOlderThanAsync(now.AddDays(-longest), ct);
        }

        var observableRows = 0;
        var events = 0;
        foreach (var tenant in tenants)
        {
            // Retention is counted in whole UTC days, the partitions' unit: an event goes once its whole day is older
            // than the tenant's retention. Counted to the moment, each hourly run deleted row by row the hour of the
            // cutoff day that had just passed, and every day partition was already empty when it was dropped.
            var cutoff = EventPartitions.StartOfDay(now.AddDays(-tenant.RetentionDays));
            // Observable rows first: an event whose rows are gone is still listed (and deleted next), while a row
            // whose event is gone would be a dangling entry for a moment.
            observableRows += await DeleteInBatchesAsync("EventObservables", tenant.Id, cutoff, ct);
            events += await DeleteInBatchesAsync("Events", tenant.Id, cutoff, ct);
        }

        var cacheEntries = await DropUnusedCacheEntriesAsync(now, ct);
        return new RetentionReport(events, observableRows, created, dropped, cacheEntries);
    }

    private async Task<int> DeleteInBatchesAsync(string table, Guid tenantId, DateTimeOffset cutoff, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var deleted = await DeleteBatchAsync(table, tenantId, cutoff, ct);
            total += deleted;
            if (deleted < Options.BatchSize)
            {
                return total;
            }

            await Task.Delay(Options.PauseBetweenBatches, time, ct);
        }
    }

    private Task<int> DeleteBatchAsync(string table, Guid tenantId, DateTimeOffset cutoff, CancellationToken ct)
    {
        var batch = Options.BatchSize;
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // A batch of row addresses read from the (TenantId, ...) index of the partitions before the cutoff, then
            // deleted by address (a TID scan). A ctid is unique only within a partition: repeating the conditions
            // keeps a same-numbered row of another partition from being deleted unless it is just as old.
            return table == "Events"
                ? db.Database.ExecuteSqlAsync(
                    $"""
                    DELETE FROM "Events" WHERE ctid = ANY(ARRAY(
                        SELECT ctid FROM "Events" WHERE "TenantId" = {tenantId} AND "Timestamp" < {cutoff} LIMIT {batch}))
                    AND "TenantId" = {tenantId} AND "Timestamp" < {cutoff}
                    """,
                    ct)
                : db.Database.ExecuteSqlAsync(
                    $"""
                    DELETE FROM "EventObservables" WHERE ctid = ANY(ARRAY(
                        SELECT ctid FROM "EventObservables" WHERE "TenantId" = {tenantId} AND "Timestamp" < {cutoff} LIMIT {batch}))
                    AND "TenantId" = {tenantId} AND "Timestamp" < {cutoff}
                    """,
                    ct);
        }

        // SQLite stores these times in their binary form (SqliteAppDbContext), and a raw parameter is not converted.
        var before = (long)SqliteTime.ConvertToProvider(cutoff)!;
        return table == "Events"
            ? db.Database.ExecuteSqlAsync(
                $"""
                DELETE FROM "Events" WHERE rowid IN (
                    SELECT rowid FROM "Events" WHERE "TenantId" = {tenantId} AND "Timestamp" < {before} LIMIT {batch})
                """,
                ct)
            : db.Database.ExecuteSqlAsync(
                $"""
                DELETE FROM "EventObservables" WHERE rowid IN (
                    SELECT rowid FROM "EventObservables" INDEXED BY "IX_EventObservables_Tenant_Timestamp"
                    WHERE "TenantId" = {tenantId} AND "Timestamp" < {before} LIMIT {batch})
                """,
                ct);
    }

    /// <summary>
    /// Entries no lookup asked for since the cutoff (entries from before <see cref="ThreatLookup.Cache.ObservableCacheEntry.LastUsedAt"/>
    /// existed: since their last answer), unless a fetch holds them. Their data groups and aliases go with them.
    /// </summary>
    private async Task<int> DropUnusedCacheEntriesAsync(DateTimeOffset now, CancellationToken ct)
    {
        var unusedSince = now - Options.DropUnusedCacheEntriesAfter;
        var dropped = await db.ObservableCache
            .Where(e => (e.LastUsedAt ?? e.UpdatedAt) < unusedSince && (e.FetchingUntil == null || e.FetchingUntil < now))
            .ExecuteDeleteAsync(ct);
        if (dropped > 0)
        {
            // Copies of the cache in every instance's memory would otherwise keep answering with the dropped entries.
            await changes.PublishAsync(db, ChangeTopic.ObservableCache, ct);
        }

        return dropped;
    }
}
