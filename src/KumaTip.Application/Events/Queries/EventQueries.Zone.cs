using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Events.Queries;

/// <summary>
/// The zone filter without an observable: events having an observable the Threat Lookup cache puts in the zone, read
/// so that a page costs about the same however many events match (ADR 004). The keys of a zone are a small set (the
/// cache's entries in that zone and their aliases); for each selected tenant and each such key, the observable rows'
/// primary key (TenantId, ObservableKey, Timestamp, EventId) gives a page of that key's events in page order, bounded
/// by the cursor and the time range. The union of those ranges holds the page: an event among the first n distinct
/// events is among the first n of every key range it appears in.
/// </summary>
public sealed partial class EventQueries
{
    /// <summary>Ranges per query: each is a subquery of one UNION ALL, and SQLite allows 500 terms in a compound select.</summary>
    private const int MaxRangesPerQuery = 100;

    /// <summary>The keys whose looked-up cache entry is in <paramref name="zone"/>, with the other hashes of those files.</summary>
    private async Task<IReadOnlyList<string>> KeysInZoneAsync(TipZone zone, CancellationToken ct)
    {
        var entries = db.ObservableCache.AsNoTracking().Where(c => c.Zone == zone && c.UpdatedAt != null && !c.NotFound);
        var aliases = db.ObservableAliases.AsNoTracking().Where(a => entries.Any(c => c.Id == a.EntryId)).Select(a => a.Key);
        return await entries.Select(c => c.Key).Concat(aliases).Distinct().ToListAsync(ct);
    }

    /// <summary>The events that hold any of <paramref name="keys"/> (a zone's keys, or one observable's), a page of them.</summary>
    private async Task<List<EventListItem>> ListHavingKeysAsync(
        IReadOnlyList<Guid> tenantIds, IReadOnlyList<string> keys, EventFilter filter, PageBounds bounds, CancellationToken ct)
    {
        var ranges = tenantIds.SelectMany(t => keys.Select(k => KeyRange(t, k, filter, bounds))).ToList();
        var found = new List<Position>();
        foreach (var chunk in ranges.Chunk(MaxRangesPerQuery))
        {
            found.AddRange(await chunk.Aggregate((all, range) => all.Concat(range)).ToListAsync(ct));
        }

        // An event with several keys of the zone is in several ranges: once in the page.
        var distinct = found.DistinctBy(p => p.Id);
        var page = (bounds.After is null
                ? distinct.OrderByDescending(p => p.Timestamp).ThenByDescending(p => p.Id)
                : distinct.OrderBy(p => p.Timestamp).ThenBy(p => p.Id))
            .Take(bounds.Size + 1).ToList();
        if (page.Count == 0)
        {
            return [];
        }

        // Bounded by the page's times as well: on PostgreSQL only the partitions of those days are read.
        var (oldest, newest) = (page.Min(p => p.Timestamp), page.Max(p => p.Timestamp));
        var eventIds = page.Select(p => p.Id).ToList();
        return await Project(db.Set<Event>().AsNoTracking().Where(e => e.Timestamp >= oldest && e.Timestamp <= newest && eventIds.Contains(e.Id))
            .Select(e => new Listed { Timestamp = e.Timestamp, Id = e.Id, Event = e })).ToListAsync(ct);
    }

    /// <summary>One key's events of one tenant past the cursor, in page order, at most a page and one.</summary>
    private IQueryable<Position> KeyRange(Guid tenantId, string key, EventFilter filter, PageBounds bounds)
    {
        var rows = db.Set<EventObservable>().AsNoTracking().Where(o => o.TenantId == tenantId && o.ObservableKey == key);
        if (filter.From is { } from)
        {
            rows = rows.Where(o => o.Timestamp >= from);
        }

        if (filter.To is { } to)
        {
            rows = rows.Where(o => o.Timestamp < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var matching = WithText(db.Set<Event>().AsNoTracking(), filter.Text);
            rows = rows.Where(o => matching.Any(e => e.Id == o.EventId && e.Timestamp == o.Timestamp));
        }

        IOrderedQueryable<EventObservable> ordered;
        if (bounds.After is { } a)
        {
            var (afterAt, afterId) = (a.Timestamp, a.Id);
            ordered = rows.Where(o => o.Timestamp >= afterAt && (o.Timestamp > afterAt || o.EventId > afterId))
                .OrderBy(o => o.Timestamp).ThenBy(o => o.EventId);
        }
        else
        {
            if (bounds.Before is { } b)
            {
                var (at, id) = (b.Timestamp, b.Id);
                rows = rows.Where(o => o.Timestamp <= at && (o.Timestamp < at || o.EventId < id));
            }

            ordered = rows.OrderByDescending(o => o.Timestamp).ThenByDescending(o => o.EventId);
        }

        return ordered.Take(bounds.Size + 1).Select(o => new Position { Timestamp = o.Timestamp, Id = o.EventId });
    }

    /// <summary>An event's place in the order of the list.</summary>
    private sealed class Position
    {
        public DateTimeOffset Timestamp { get; init; }

        public long Id { get; init; }
    }
}
