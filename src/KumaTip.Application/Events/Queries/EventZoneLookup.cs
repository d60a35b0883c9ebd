using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Events.Queries;

/// <summary>
/// Events show Threat Lookup verdicts without being rewritten: zones come from joining the Threat Lookup cache
/// (keys and a file's hash aliases) to <see cref="EventObservable.ObservableKey"/>.
/// </summary>
public sealed class EventZoneLookup(AppDbContext db, ObservableCache cache)
{
    /// <summary>The most serious known zone per event id; events without one are absent.</summary>
    /// <param name="oldest">The earliest Timestamp among the events: with <paramref name="newest"/>, it confines the
    /// read to the days (partitions, on PostgreSQL) the events are in.</param>
    public async Task<IReadOnlyDictionary<long, TipZone>> ForEventsAsync(
        IReadOnlyCollection<long> eventIds, DateTimeOffset oldest, DateTimeOffset newest, CancellationToken ct)
    {
        if (eventIds.Count == 0)
        {
            return new Dictionary<long, TipZone>();
        }

        // The observables are extracted again from the page's events (read by primary key) rather than read from
        // EventObservables, whose only index leads with the tenant and the key: an index by event id would cost every
        // ingested observable row one more index entry (ADR 004).
        var events = await db.Set<Event>().AsNoTracking()
            .Where(e => e.Timestamp >= oldest && e.Timestamp <= newest && eventIds.Contains(e.Id))
            .Select(e => new Event
            {
                Id = e.Id,
                SourceAddress = e.SourceAddress,
                SourceHostName = e.SourceHostName,
                DestinationAddress = e.DestinationAddress,
                DestinationHostName = e.DestinationHostName,
                RequestUrl = e.RequestUrl,
                FileHash = e.FileHash,
                Message = e.Message,
            })
            .ToListAsync(ct);
        var keys = events.SelectMany(e => EventObservableExtraction.Extract(e).Select(f => new { EventId = e.Id, ObservableKey = f.Observable.Key }))
            .Distinct().ToList();
        var zones = await cache.ZonesAsync(keys.Select(k => k.ObservableKey).Distinct().ToList(), ct);
        return keys.Where(k => zones.ContainsKey(k.ObservableKey))
            .GroupBy(k => k.EventId)
            .Select(g => (g.Key, Zone: g.Select(k => zones[k.ObservableKey]).MaxBy(z => z.Level())))
            .Where(x => x.Zone != TipZone.Unknown)
            .ToDictionary(x => x.Key, x => x.Zone);
    }

    /// <summary>The known zone per observable key; keys without one are absent.</summary>
    public async Task<IReadOnlyDictionary<string, TipZone>> ForObservablesAsync(IReadOnlyCollection<string> observableKeys, CancellationToken ct) =>
        (await cache.ZonesAsync(observableKeys, ct)).Where(z => z.Value != TipZone.Unknown).ToDictionary(z => z.Key, z => z.Value);
}
