using System.Globalization;
using KumaTip.Application.Common;
using KumaTip.Application.Observables;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Api;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Events.Queries;

/// <summary>
/// The events list and event information, for the page and the API alike: newest first, keyset-paged on
/// (Timestamp, Id), narrowed to the header's tenant selection (the tenant filter of the DbContext does the rest).
/// </summary>
public sealed class EventQueries(AppDbContext db, TenantSelection selection, EventZoneLookup zones)
{
    public async Task<Result<EventPage>> ListAsync(EventFilter filter, EventPageRequest page, CancellationToken ct)
    {
        if (Validate(filter, page) is { } invalid)
        {
            return invalid;
        }

        string? observableKey = null;
        if (!string.IsNullOrWhiteSpace(filter.Observable))
        {
            var parsed = ObservableParser.Parse(filter.Observable);
            if (parsed.Error is { } error)
            {
                return error with { Field = "Observable" };
            }

            observableKey = parsed.Value!.Key;
        }

        var tenantIds = filter.TenantId is { } one ? [one] : await selection.GetAsync(ct);
        var size = page.Size;
        var goingNewer = EventCursor.TryParse(page.After, out var after);
        var before = EventCursor.TryParse(page.Before, out var b) ? b : (EventCursor?)null;

        // One query per selected tenant, each a range scan of that tenant's (TenantId, Timestamp, Id) index, merged
        // here. Several tenants cost a few small queries instead of a second events index that every ingested event
        // would have to enter (ADR 004).
        var rows = new List<EventListItem>();
        foreach (var tenantId in tenantIds)
        {
            var listed = Filtered(tenantId, filter, observableKey);
            rows.AddRange(goingNewer
                ? await Project(listed
                        .Where(r => r.Timestamp >= after.Timestamp && (r.Timestamp > after.Timestamp || r.Id > after.Id))
                        .OrderBy(r => r.Timestamp).ThenBy(r => r.Id))
                    .Take(size + 1).ToListAsync(ct)
                : await Project(Older(listed, before).OrderByDescending(r => r.Timestamp).ThenByDescending(r => r.Id))
                    .Take(size + 1).ToListAsync(ct));
        }

        List<EventListItem> items;
        bool more;
        if (goingNewer)
        {
            items = rows.OrderBy(i => i.Timestamp).ThenBy(i => i.Id).Take(size + 1).ToList();
            more = items.Count > size;
            items = items.Take(size).Reverse().ToList();
        }
        else
        {
            items = rows.OrderByDescending(i => i.Timestamp).ThenByDescending(i => i.Id).Take(size + 1).ToList();
            more = items.Count > size;
            items = items.Take(size).ToList();
        }

        var older = items.Count > 0 && (goingNewer || more) ? Cursor(items[^1]) : null;
        var newer = items.Count > 0 && (goingNewer ? more : page.Before is not null) ? Cursor(items[0]) : null;

        var known = await zones.ForEventsAsync(items.Select(i => i.Id).ToList(), ct);
        if (known.Count > 0)
        {
            items = items.Select(i => known.TryGetValue(i.Id, out var zone) ? i with { Zone = zone } : i).ToList();
        }

        return new EventPage(items, older, newer);
    }

    /// <summary>
    /// The events of one tenant that pass the filter, in no particular order yet. <see cref="Listed.Timestamp"/> and
    /// <see cref="Listed.Id"/> come from the table that drives the query, so that time bounds, cursor and order are
    /// conditions on the index being read: the events' (TenantId, Timestamp, Id) index, or, filtering by an
    /// observable, the observable rows' primary key (TenantId, ObservableKey, Timestamp, EventId), read newest first
    /// and joined to the events by id.
    /// </summary>
    private IQueryable<Listed> Filtered(Guid tenantId, EventFilter filter, string? observableKey)
    {
        var events = db.Set<Event>().AsNoTracking();
        var listed = observableKey is null
            ? events.Where(e => e.TenantId == tenantId).Select(e => new Listed { Timestamp = e.Timestamp, Id = e.Id, Event = e })
            : db.Set<EventObservable>().AsNoTracking()
                .Where(o => o.TenantId == tenantId && o.ObservableKey == observableKey)
                .Join(events, o => o.EventId, e => e.Id, (o, e) => new Listed { Timestamp = o.Timestamp, Id = o.EventId, Event = e });
        if (filter.From is { } from)
        {
            listed = listed.Where(r => r.Timestamp >= from);
        }

        if (filter.To is { } to)
        {
            listed = listed.Where(r => r.Timestamp < to);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var pattern = "%" + EscapeLike(filter.Text.Trim()) + "%";
            listed = db.Database.IsNpgsql()
                ? listed.Where(r => EF.Functions.ILike(r.Event.Name!, pattern, "\\") || EF.Functions.ILike(r.Event.Message!, pattern, "\\"))
                : listed.Where(r => EF.Functions.Like(r.Event.Name, pattern, "\\") || EF.Functions.Like(r.Event.Message, pattern, "\\"));
        }

        if (filter.Zone is { } zone)
        {
            listed = WithObservableInZone(listed, zone, tenantId);
        }

        return listed;
    }

    private static IQueryable<Listed> Older(IQueryable<Listed> listed, EventCursor? before)
    {
        if (before is not { } c)
        {
            return listed;
        }

        var (at, id) = (c.Timestamp, c.Id);
        return listed.Where(r => r.Timestamp <= at && (r.Timestamp < at || r.Id < id));
    }

    /// <summary>An event and the (Timestamp, Id) it is ordered by, as read from the driving index.</summary>
    private sealed class Listed
    {
        public DateTimeOffset Timestamp { get; init; }

        public long Id { get; init; }

        public required Event Event { get; init; }
    }

    public async Task<Result<EventDetails>> GetAsync(long id, CancellationToken ct)
    {
        var found = await (from stored in db.Set<Event>().AsNoTracking()
                           join t in db.Tenants on stored.TenantId equals t.Id
                           where stored.Id == id
                           select new { Event = stored, TenantName = t.Name }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return Error.NotFound("Event");
        }

        var e = found.Event;
        var observables = EventObservableExtraction.Extract(e);
        var details = new EventDetails(e, found.TenantName, FieldsOf(e), EventField.FromExtra(e.Extra), observables)
        {
            Zones = await zones.ForObservablesAsync(observables.Select(o => o.Observable.Key).Distinct().ToList(), ct),
        };
        return details;
    }

    private static IReadOnlyList<EventField> FieldsOf(Event e)
    {
        var fields = new List<EventField>
        {
            new(nameof(Event.Timestamp), e.Timestamp.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
        };
        void Add(string name, object? value)
        {
            if (value is not null && (value is not string s || s.Length > 0))
            {
                fields.Add(new EventField(name, Convert.ToString(value, CultureInfo.InvariantCulture)!));
            }
        }

        Add(nameof(Event.Name), e.Name);
        Add(nameof(Event.DeviceVendor), e.DeviceVendor);
        Add(nameof(Event.DeviceProduct), e.DeviceProduct);
        Add(nameof(Event.DeviceEventCategory), e.DeviceEventCategory);
        Add(nameof(Event.Severity), e.Severity);
        Add(nameof(Event.SourceAddress), e.SourceAddress);
        Add(nameof(Event.SourcePort), e.SourcePort);
        Add(nameof(Event.SourceHostName), e.SourceHostName);
        Add(nameof(Event.SourceUserName), e.SourceUserName);
        Add(nameof(Event.DestinationAddress), e.DestinationAddress);
        Add(nameof(Event.DestinationPort), e.DestinationPort);
        Add(nameof(Event.DestinationHostName), e.DestinationHostName);
        Add(nameof(Event.RequestUrl), e.RequestUrl);
        Add(nameof(Event.FileHash), e.FileHash);
        Add(nameof(Event.FileName), e.FileName);
        Add(nameof(Event.FilePath), e.FilePath);
        Add(nameof(Event.Message), e.Message);
        fields.Add(new EventField(nameof(Event.ReceivedAt), e.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
        return fields;
    }

    /// <summary>
    /// Events having an observable the cache puts in <paramref name="zone"/>, found by its key or, for a file, by one of
    /// its other hashes: EXISTS subqueries in the one events query, on both databases.
    /// </summary>
    private IQueryable<Listed> WithObservableInZone(IQueryable<Listed> listed, TipZone zone, Guid tenantId)
    {
        var cache = db.ObservableCache.Where(c => c.Zone == zone && c.UpdatedAt != null && !c.NotFound);
        var aliases = db.ObservableAliases;
        var inZone = db.Set<EventObservable>().Where(o => o.TenantId == tenantId
            && (cache.Any(c => c.Key == o.ObservableKey) || aliases.Any(a => a.Key == o.ObservableKey && cache.Any(c => c.Id == a.EntryId))));
        return listed.Where(r => inZone.Any(o => o.Timestamp == r.Timestamp && o.EventId == r.Id));
    }

    private static IQueryable<EventListItem> Project(IQueryable<Listed> listed) =>
        listed.Select(r => new EventListItem(
            r.Event.Id, r.Event.TenantId, r.Event.Timestamp, r.Event.Name, r.Event.DeviceProduct, r.Event.Severity, r.Event.SourceAddress,
            r.Event.SourcePort, r.Event.SourceHostName, r.Event.DestinationAddress, r.Event.DestinationPort, r.Event.DestinationHostName,
            r.Event.RequestUrl, r.Event.FileHash));

    private static string Cursor(EventListItem item) => new EventCursor(item.Timestamp, item.Id).ToString();

    private static Error? Validate(EventFilter filter, EventPageRequest page)
    {
        if (filter.Text?.Trim().Length > EventFilter.MaxTextLength)
        {
            return Error.Invalid("Text", $"Search text must be at most {EventFilter.MaxTextLength} characters.");
        }

        if (filter.From > filter.To)
        {
            return Error.Invalid("From", "The start of the time range is after its end.");
        }

        if (page.Size is < 1 or > EventPageRequest.MaxSize)
        {
            return Error.Invalid("limit", $"A page holds from 1 to {EventPageRequest.MaxSize} events.");
        }

        if ((page.Before is not null && !EventCursor.TryParse(page.Before, out _)) || (page.After is not null && !EventCursor.TryParse(page.After, out _)))
        {
            return new Error("invalid_cursor", "The page cursor is not valid: follow the Older/Newer links (or cursors) as given.") { Field = "cursor" };
        }

        return null;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
