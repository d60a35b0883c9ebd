using KumaTip.Application.Tenancy;

namespace KumaTip.Application.Events;

/// <summary>
/// A security event as KUMA normalises it: the fields that carry observables and context are columns, every other
/// field the sender supplied is kept as a JSON object in <see cref="Extra"/>. Events are written once (bulk
/// ingestion) and never updated; the Threat Lookup zone is joined at read time, not stored here.
/// </summary>
public sealed class Event : ITenantOwned
{
    public long Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>When the event happened (KUMA's Timestamp), UTC.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>When KumaTip stored it, UTC.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    public string? Name { get; set; }

    public string? DeviceVendor { get; set; }

    public string? DeviceProduct { get; set; }

    public string? DeviceEventCategory { get; set; }

    public string? Severity { get; set; }

    public string? SourceAddress { get; set; }

    public int? SourcePort { get; set; }

    public string? SourceHostName { get; set; }

    public string? SourceUserName { get; set; }

    public string? DestinationAddress { get; set; }

    public int? DestinationPort { get; set; }

    public string? DestinationHostName { get; set; }

    public string? RequestUrl { get; set; }

    public string? FileHash { get; set; }

    public string? FileName { get; set; }

    public string? FilePath { get; set; }

    public string? Message { get; set; }

    /// <summary>Every other field of the event as a JSON object (null when there were none).</summary>
    public string? Extra { get; set; }

    /// <summary>Filled at ingestion and written beside the event by <c>EventBulkWriter</c>; not a mapped navigation.</summary>
    public List<EventObservable> Observables { get; set; } = [];
}
