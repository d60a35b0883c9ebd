using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.Events.Queries;

/// <summary>
/// What the events list shows: a time range (From inclusive, To exclusive), free text over Name and Message,
/// an observable (any form the parser takes: <c>1.2.3[.]4</c>, a URL, a hash...), and optionally one tenant
/// (the header's selection otherwise). <see cref="Zone"/> keeps events having an observable the Threat Lookup cache
/// puts in that zone.
/// </summary>
public sealed record EventFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Text = null, string? Observable = null, Guid? TenantId = null)
{
    public TipZone? Zone { get; init; }

    public const int MaxTextLength = 200;
}

/// <summary>Which page: the newest (no cursor), the one older than <see cref="Before"/>, or newer than <see cref="After"/>.</summary>
public sealed record EventPageRequest(string? Before = null, string? After = null, int Size = EventPageRequest.DefaultSize)
{
    public const int DefaultSize = 50;

    public const int MaxSize = 500;
}
