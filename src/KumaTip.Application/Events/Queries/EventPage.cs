using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.Events.Queries;

/// <summary>One row of the events table.</summary>
public sealed record EventListItem(
    long Id,
    Guid TenantId,
    DateTimeOffset Timestamp,
    string? Name,
    string? DeviceProduct,
    string? Severity,
    string? SourceAddress,
    int? SourcePort,
    string? SourceHostName,
    string? DestinationAddress,
    int? DestinationPort,
    string? DestinationHostName,
    string? RequestUrl,
    string? FileHash)
{
    /// <summary>The most serious Threat Lookup zone among the event's observables; null until something is known.</summary>
    public TipZone? Zone { get; init; }
}

/// <summary>A page of events, newest first, with the cursors of the pages around it (null where there is none).</summary>
public sealed record EventPage(IReadOnlyList<EventListItem> Items, string? Older, string? Newer);
