using System.Globalization;
using KumaTip.Application.Common;
using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Observables;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Events.Queries;

/// <summary>
/// The events list and event information, for the page and the API alike: newest first, keyset-paged on
/// (Timestamp, Id), narrowed to the header's tenant selection (the tenant filter of the DbContext does the rest).
/// </summary>
public sealed partial class EventQueries(AppDbContext db, TenantSelection selection, EventZoneLookup zones, TimeProvider time)
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

        var zoneKeys = filter.Zone is { } zone ? await KeysInZoneAsync(zone, ct) : null;
        var bounds = new PageBounds(goingNewer ? after : null, before, size);
        var rows = new List<EventListItem>();
        if (zoneKeys is not { Count: 0 })
        {
            foreach (var slice in TimeSlices(filter, bounds, time.GetUtcNow()))
            {
                rows.AddRange(await ReadAsync(tenantIds, slice, observableKey, zoneKeys, bounds, ct));
                if (rows.Count > size)
                {
                    // The slices go back in time without overlapping: every older event comes after these.
                    break;
                }
            }
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

        var known = items.Count == 0
            ? new Dictionary<long, TipZone>()
            : await zones.ForEventsAsync(items.Select(i => i.Id).ToList(), items.Min(i => i.Timestamp), items.Max(i => i.Timestamp), ct);
        if (known.Count > 0)
        {
            items = items.Select(i => known.TryGetValue(i.Id, out var zone) ? i with { Zone = zone } : i).ToList();
        }

        return new EventPage(items, older, newer);
    }

    /// <summary>
    /// A page read newest first is read in slices of time going back from its upper end (the cursor, the end of the
    /// range, or now): the last day, the six days before, then the rest of the range, until one holds the page. On
    /// PostgreSQL a query bounded by time is planned over the partitions of its days only, where one without a lower
    /// bound is planned over every day partition, at every request: about 3 ms per range with 98 partitions, and the
    /// zone filter reads a range per tenant and key (ADR 015). A page of recent events fills from the first slice.
    /// A page read oldest first (newer than a cursor) is bounded below by its cursor already. The newest slice ends a day
    /// after now (the largest clock skew ingestion accepts), not at the last partition ahead.
    /// </summary>
    private static IEnumerable<EventFilter> TimeSlices(EventFilter filter, PageBounds bounds, DateTimeOffset now)
    {
        if (bounds.After is not null)
        {
            yield return filter;
            yield break;
        }

        var upper = bounds.Before?.Timestamp ?? filter.To ?? now;
        // Newest first from now: nothing stored is later than now and the largest clock skew ingestion allows, so the
        // empty partitions of the days ahead (a week of them) are not planned for every range.
        var to = filter.To ?? (bounds.Before is null ? now + EventIngestionOptions.MaxClockSkewLimit + TimeSpan.FromMinutes(1) : null);
        foreach (var back in SliceLengths)
        {
            var start = upper - back;
            if (filter.From >= start)
            {
                break;
            }

            yield return filter with { From = start, To = to };
            to = start;
        }

        yield return filter with { To = to };
    }

    /// <summary>How far back from the page's upper end the first slices reach (<see cref="TimeSlices"/>).</summary>
    private static readonly TimeSpan[] SliceLengths = [TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

    /// <summary>At most a page and one of the events that pass the filter past the page's cursor, in no particular order.</summary>
    private async Task<List<EventListItem>> ReadAsync(
        IReadOnlyList<Guid> tenantIds, EventFilter filter, string? observableKey, IReadOnlyList<string>? zoneKeys, PageBounds bounds, CancellationToken ct)
    {
        if (zoneKeys is not null && observableKey is null)
        {
            return await ListHavingKeysAsync(tenantIds, zoneKeys, filter, bounds, ct);
        }

        if (observableKey is not null && zoneKeys is null)
        {
            // The observable's key range gives the page's (Timestamp, Id) pairs, and the page's events are then read by
            // id within its time range. Joined in one query instead, PostgreSQL costs each probe of the partitioned
            // events as a probe of every partition (it prunes them at run time, not in its estimate), and for a
            // frequent observable it chose to hash the whole events table: seconds a page (ADR 013).
            return await ListHavingKeysAsync(tenantIds, [observableKey], filter, bounds, ct);
        }

        // One query per selected tenant, each a range scan of that tenant's (TenantId, Timestamp, Id) index (or of
        // the observable's key range), merged by the caller. Several tenants cost a few small queries instead of a
        // second events index that every ingested event would have to enter (ADR 004).
        var rows = new List<EventListItem>();
        foreach (var tenantId in tenantIds)
        {
            rows.AddRange(await Project(InPageOrder(Filtered(tenantId, filter, observableKey, zoneKeys), bounds)).Take(bounds.Size + 1).ToListAsync(ct));
        }

        return rows;
    }

    /// <summary>
    /// The events of one tenant that pass the filter, in no particular order yet. <see cref="Listed.Timestamp"/> and
    /// <see cref="Listed.Id"/> come from the table that drives the query, so that time bounds, cursor and order are
    /// conditions on the index being read: the events' (TenantId, Timestamp, Id) index, or, filtering by an
    /// observable, the observable rows' primary key (TenantId, ObservableKey, Timestamp, EventId), read newest first
    /// and joined to the events by id.
    /// </summary>
    private IQueryable<Listed> Filtered(Guid tenantId, EventFilter filter, string? observableKey, IReadOnlyList<string>? zoneKeys)
    {
        var events = db.Set<Event>().AsNoTracking();
        var listed = observableKey is null
            ? events.Where(e => e.TenantId == tenantId).Select(e => new Listed { Timestamp = e.Timestamp, Id = e.Id, Event = e })
            : db.Set<EventObservable>().AsNoTracking()
                .Where(o => o.TenantId == tenantId && o.ObservableKey == observableKey)
                // On the timestamp too: on PostgreSQL it is the partition key, so each probe reads one day's primary key.
                .Join(events, o => new { Id = o.EventId, o.Timestamp }, e => new { e.Id, e.Timestamp }, (o, e) => new Listed { Timestamp = o.Timestamp, Id = o.EventId, Event = e });
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
            var pattern = LikePattern(filter.Text);
            listed = db.Database.IsNpgsql()
                ? listed.Where(r => EF.Functions.ILike(r.Event.Name!, pattern, "\\") || EF.Functions.ILike(r.Event.Message!, pattern, "\\"))
                : listed.Where(r => EF.Functions.Like(r.Event.Name, pattern, "\\") || EF.Functions.Like(r.Event.Message, pattern, "\\"));
        }

        if (zoneKeys is not null && (observableKey is null || !zoneKeys.Contains(observableKey)))
        {
            // Filtering by an observable and a zone: the observable's range drives, and each of its events is checked
            // by probing the primary key at (tenant, zone key, the event's Timestamp and Id), one point per zone key.
            var observables = db.Set<EventObservable>().AsNoTracking();
            listed = listed.Where(r => observables.Any(o => o.TenantId == tenantId && zoneKeys.Contains(o.ObservableKey) && o.Timestamp == r.Timestamp && o.EventId == r.Id));
        }

        return listed;
    }

    /// <summary>The events past the page's cursor, in the order the page reads them (newest first, or oldest first after <see cref="PageBounds.After"/>).</summary>
    private static IOrderedQueryable<Listed> InPageOrder(IQueryable<Listed> listed, PageBounds bounds)
    {
        if (bounds.After is { } a)
        {
            var (afterAt, afterId) = (a.Timestamp, a.Id);
            return listed.Where(r => r.Timestamp >= afterAt && (r.Timestamp > afterAt || r.Id > afterId)).OrderBy(r => r.Timestamp).ThenBy(r => r.Id);
        }

        if (bounds.Before is { } b)
        {
            var (at, id) = (b.Timestamp, b.Id);
            listed = listed.Where(r => r.Timestamp <= at && (r.Timestamp < at || r.Id < id));
        }

        return listed.OrderByDescending(r => r.Timestamp).ThenByDescending(r => r.Id);
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
            EventField.OfTime(nameof(Event.Timestamp), e.Timestamp),
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
        fields.Add(EventField.OfTime(nameof(Event.ReceivedAt), e.ReceivedAt));
        return fields;
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

    /// <summary>The events whose Name or Message contains <paramref name="text"/>, case-insensitively.</summary>
    private IQueryable<Event> WithText(IQueryable<Event> events, string text)
    {
        var pattern = LikePattern(text);
        return db.Database.IsNpgsql()
            ? events.Where(e => EF.Functions.ILike(e.Name!, pattern, "\\") || EF.Functions.ILike(e.Message!, pattern, "\\"))
            : events.Where(e => EF.Functions.Like(e.Name, pattern, "\\") || EF.Functions.Like(e.Message, pattern, "\\"));
    }

    private static string LikePattern(string text) => "%" + EscapeLike(text.Trim()) + "%";

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
