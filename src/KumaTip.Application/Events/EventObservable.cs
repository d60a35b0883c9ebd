using KumaTip.Application.Observables;
using KumaTip.Application.Tenancy;

namespace KumaTip.Application.Events;

/// <summary>
/// One observable of one event, written at ingestion: the index that makes "events that contain X" a single indexed
/// query, and what the Threat Lookup cache is joined on (by <see cref="ObservableKey"/>). One row per distinct key per
/// event; <see cref="Field"/> is the first field it was found in. Private and reserved observables are kept too
/// (flagged), because analysts search for their own hosts as well.
/// </summary>
public sealed class EventObservable : ITenantOwned
{
    public long EventId { get; set; }

    public Guid TenantId { get; set; }

    /// <summary><see cref="Observable.Key"/>, e.g. <c>ip:1.2.3.4</c> or <c>domain:example.com</c>.</summary>
    public required string ObservableKey { get; set; }

    public ObservableType Type { get; set; }

    /// <summary>The event field it came from (<c>SourceAddress</c>, <c>RequestUrl</c>, <c>Message</c>...).</summary>
    public required string Field { get; set; }

    /// <summary>A copy of the event's timestamp, so the index can return the newest events first without a sort.</summary>
    public DateTimeOffset Timestamp { get; set; }

    public bool IsPrivateOrReserved { get; set; }
}
