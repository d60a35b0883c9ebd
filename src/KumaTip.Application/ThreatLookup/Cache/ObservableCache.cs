using KumaTip.Application.Caching;
using KumaTip.Application.Observables;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.ThreatLookup.Cache;

/// <summary>How long cached answers count as fresh (from the Threat Lookup settings).</summary>
public sealed record CacheFreshness(TimeSpan Data, TimeSpan NotFound)
{
    public static readonly CacheFreshness Default = new(TimeSpan.FromDays(7), TimeSpan.FromDays(1));
}

/// <summary>
/// The per-observable cache: finding entries by any alias, what is missing, storing answers, one fetch at a time.
/// The fetch lease is held by a task and lives like the task's own lease: as long, and renewed by its heartbeat.
/// </summary>
public sealed class ObservableCache(AppDbContext db, ChangePublisher changes, IOptions<TaskOptions> tasks, TimeProvider time) : ITaskHeldLease
{
    private static readonly TimeSpan UsageResolution = TimeSpan.FromHours(1);

    public async Task<ObservableCacheEntry?> FindAsync(string key, CancellationToken ct)
    {
        // Only a file has aliases (its other hashes): a URL, domain or IP is found by its own key in one query.
        var entryId = Observable.IsHashKey(key)
            ? await db.ObservableAliases.AsNoTracking().Where(a => a.Key == key).Select(a => (Guid?)a.EntryId).FirstOrDefaultAsync(ct)
            : null;
        var query = db.ObservableCache.AsNoTracking().Include(e => e.Sections);
        return entryId is { } id
            ? await query.FirstOrDefaultAsync(e => e.Id == id, ct)
            : await query.FirstOrDefaultAsync(e => e.Key == key, ct);
    }

    /// <summary>The requested data groups the cache cannot answer with fresh data.</summary>
    public IReadOnlyList<string> Missing(ObservableCacheEntry? entry, IReadOnlyCollection<string> requested, CacheFreshness freshness)
    {
        if (entry is null)
        {
            return requested.ToList();
        }

        var now = time.GetUtcNow();
        if (entry.NotFound)
        {
            // TIP knew nothing: no group can be answered better until the "not found" answer is stale.
            return entry.UpdatedAt is { } at && now - at < freshness.NotFound ? [] : requested.ToList();
        }

        return requested.Where(name => entry.Sections.FirstOrDefault(s => s.Name == name) is not { } held
                                       || now - held.ObtainedAt >= freshness.Data).ToList();
    }

    public bool IsStale(CachedSection section, CacheFreshness freshness) => time.GetUtcNow() - section.ObtainedAt >= freshness.Data;

    /// <summary>
    /// Makes sure an entry exists and takes the right to fetch for it, for the task <paramref name="owner"/>. Null when
    /// another task (of any tenant, in any instance) is fetching now: the caller waits for its answer instead of
    /// spending a request. A new entry is inserted already holding the lease (one statement), and the lease says it was
    /// created: it holds nothing yet, so there is nothing to read back.
    /// </summary>
    public async Task<FetchLease?> TryBeginFetchAsync(Observable observable, Guid owner, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var until = now + tasks.Value.LeaseDuration;
        // A URL, domain or IP has no aliases: its entry is inserted at once unless its key is taken, one statement for
        // a new one (what most fetches are for). A hash may be another file's alias, so it is looked up first.
        var entryId = Observable.IsHashKey(observable.Key) ? await FindIdAsync(observable.Key, ct) : null;
        if (entryId is null)
        {
            var entry = new ObservableCacheEntry
            {
                Id = Guid.CreateVersion7(),
                Key = observable.Key,
                TipType = observable.TipType,
                Value = observable.Value,
                FetchingUntil = until,
                FetchOwner = owner,
                LastUsedAt = now,
            };
            if (await db.InsertUnlessConflictingAsync(entry, ct))
            {
                return new FetchLease(entry.Id, owner, Created: true);
            }

            // There already, or created by a concurrent task a moment ago (unique key): take the lease on it, if it is free.
            entryId = await FindIdAsync(observable.Key, ct) ?? throw new InvalidOperationException("Cache entry vanished after a conflicting insert.");
        }

        var id = entryId.Value;
        var taken = await db.ObservableCache.Where(e => e.Id == id && (e.FetchingUntil == null || e.FetchingUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.FetchingUntil, until).SetProperty(e => e.FetchOwner, owner), ct);
        return taken == 1 ? new FetchLease(id, owner, Created: false) : null;
    }

    /// <summary>
    /// Records that a lookup was answered from the entry, so that the retention job keeps it. To the hour: answers
    /// from the cache are read from memory, and a lookup repeated within the hour writes nothing. The row's change
    /// is no change of any answer, so it publishes none (the copies in memory keep the older time).
    /// </summary>
    public async Task MarkUsedAsync(ObservableCacheEntry entry, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hourAgo = now - UsageResolution;
        if (entry.LastUsedAt is { } at && at >= hourAgo)
        {
            return;
        }

        await db.ObservableCache.Where(e => e.Id == entry.Id && (e.LastUsedAt == null || e.LastUsedAt < hourAgo))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastUsedAt, now), ct);
    }

    /// <summary>Gives up the right to fetch without storing anything (the fetch failed); storing an answer ends it too.</summary>
    public Task EndFetchAsync(FetchLease lease, CancellationToken ct) =>
        Held(lease).ExecuteUpdateAsync(s => s.SetProperty(e => e.FetchingUntil, (DateTimeOffset?)null).SetProperty(e => e.FetchOwner, (Guid?)null), ct);

    /// <summary>The task's heartbeat: its fetch goes on as long as the task does.</summary>
    Task ITaskHeldLease.RenewAsync(Guid taskId, DateTimeOffset until, CancellationToken ct) =>
        db.ObservableCache.Where(e => e.FetchOwner == taskId).ExecuteUpdateAsync(s => s.SetProperty(e => e.FetchingUntil, until), ct);

    /// <summary>
    /// Stores the data groups of an answer (each with this time) and, for a file, its other hashes as aliases, and
    /// ends the fetch in the same statement. False, storing nothing, when the lease lapsed and another task holds it.
    /// </summary>
    public async Task<bool> StoreAsync(FetchLease lease, TipAnswer answer, IReadOnlyCollection<string> requested, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // An entry this context inserted under the fetch lease is still tracked and complete (no groups, no aliases:
        // only the lease holder adds them), so it needs no reading back.
        var entry = db.ObservableCache.Local.FirstOrDefault(e => e.Id == lease.EntryId)
                    ?? await db.ObservableCache.Include(e => e.Sections).Include(e => e.Aliases).FirstAsync(e => e.Id == lease.EntryId, ct);
        if (entry.FetchOwner != lease.Owner)
        {
            return false;
        }

        var answered = answer.Sections;
        foreach (var (name, json) in answered.Where(s => s.Key is not TipDataGroups.LicenseInfo))
        {
            if (entry.Sections.FirstOrDefault(s => s.Name == name) is { } held)
            {
                held.Json = json;
                held.ObtainedAt = now;
            }
            else
            {
                entry.Sections.Add(new CachedSection { EntryId = entry.Id, Name = name, Json = json, ObtainedAt = now });
            }
        }

        // A group asked for but absent from the answer is known to be empty: remember that, so it is not asked again.
        foreach (var name in requested.Where(r => !answered.ContainsKey(r) && entry.Sections.All(s => s.Name != r)))
        {
            entry.Sections.Add(new CachedSection { EntryId = entry.Id, Name = name, Json = "null", ObtainedAt = now });
        }

        entry.Zone = answer.Zone;
        entry.NotFound = false;
        entry.UpdatedAt = now;
        entry.LastUsedAt = now;
        entry.FetchingUntil = null;
        entry.FetchOwner = null;
        if (answer.FileHashes.Count > 0)
        {
            var candidates = answer.FileHashes.Select(h => ObservableParser.Parse(h)).Where(r => r.Succeeded).Select(r => r.Value!.Key)
                .Where(alias => alias != entry.Key && entry.Aliases.All(a => a.Key != alias)).Distinct().ToList();
            // One query for all of them: an alias another entry already holds stays that entry's.
            var taken = candidates.Count == 0
                ? []
                : await db.ObservableAliases.AsNoTracking().Where(a => candidates.Contains(a.Key)).Select(a => a.Key).ToListAsync(ct);
            foreach (var alias in candidates.Except(taken))
            {
                entry.Aliases.Add(new ObservableAlias { Key = alias, EntryId = entry.Id });
            }
        }

        try
        {
            // The fetch owner is the concurrency token: the update finds no row if another task took the lease.
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Stores TIP's "not found" and ends the fetch, in one statement; false when another task holds the lease.</summary>
    public async Task<bool> StoreNotFoundAsync(FetchLease lease, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var stored = await Held(lease).ExecuteUpdateAsync(
            s => s.SetProperty(e => e.NotFound, true).SetProperty(e => e.UpdatedAt, now).SetProperty(e => e.LastUsedAt, now).SetProperty(e => e.Zone, TipZone.Unknown)
                .SetProperty(e => e.FetchingUntil, (DateTimeOffset?)null).SetProperty(e => e.FetchOwner, (Guid?)null),
            ct);

        // An update outside SaveChanges: in-memory copies of the cache must hear of it explicitly.
        await changes.PublishAsync(db, ChangeTopic.ObservableCache, ct);
        return stored == 1;
    }

    /// <summary>The zone of each key the cache holds (by key or alias), for the events table and event details.</summary>
    public async Task<IReadOnlyDictionary<string, TipZone>> ZonesAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0)
        {
            return new Dictionary<string, TipZone>();
        }

        var direct = await db.ObservableCache.AsNoTracking().Where(e => keys.Contains(e.Key) && e.UpdatedAt != null)
            .Select(e => new { e.Key, e.Zone }).ToListAsync(ct);
        var aliased = await db.ObservableAliases.AsNoTracking().Where(a => keys.Contains(a.Key))
            .Join(db.ObservableCache, a => a.EntryId, e => e.Id, (a, e) => new { a.Key, e.Zone }).ToListAsync(ct);
        return direct.Concat(aliased).GroupBy(x => x.Key).ToDictionary(g => g.Key, g => g.First().Zone);
    }

    private IQueryable<ObservableCacheEntry> Held(FetchLease lease) =>
        db.ObservableCache.Where(e => e.Id == lease.EntryId && e.FetchOwner == lease.Owner);

    /// <summary>The entry holding this key; only a file hash can be another entry's alias.</summary>
    private async Task<Guid?> FindIdAsync(string key, CancellationToken ct) =>
        (Observable.IsHashKey(key)
            ? await db.ObservableAliases.AsNoTracking().Where(a => a.Key == key).Select(a => (Guid?)a.EntryId).FirstOrDefaultAsync(ct)
            : null)
        ?? await db.ObservableCache.AsNoTracking().Where(e => e.Key == key).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
}
