using KumaTip.Application.ThreatLookup.Api;

namespace KumaTip.Application.Events.Queries;

/// <summary>
/// The hook through which events show Threat Lookup verdicts without being rewritten: zones come from joining the
/// Threat Lookup cache to <see cref="EventObservable.ObservableKey"/>. Until that cache exists nothing is known,
/// so both methods answer "no zone"; the Threat Lookup feature fills them in.
/// </summary>
public sealed class EventZoneLookup
{
    /// <summary>The most serious known zone per event id; events without one are absent.</summary>
    public Task<IReadOnlyDictionary<long, TipZone>> ForEventsAsync(IReadOnlyCollection<long> eventIds, CancellationToken ct)
    {
        _ = eventIds;
        _ = ct;
        return Task.FromResult<IReadOnlyDictionary<long, TipZone>>(new Dictionary<long, TipZone>());
    }

    /// <summary>The known zone per observable key; keys without one are absent.</summary>
    public Task<IReadOnlyDictionary<string, TipZone>> ForObservablesAsync(IReadOnlyCollection<string> observableKeys, CancellationToken ct)
    {
        _ = observableKeys;
        _ = ct;
        return Task.FromResult<IReadOnlyDictionary<string, TipZone>>(new Dictionary<string, TipZone>());
    }
}
