using System.Diagnostics.Metrics;
using KumaTip.Application.Telemetry;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>
/// How often the Threat Lookup cache answers: <c>kumatip_cache_hits_total</c> and <c>kumatip_cache_misses_total</c>,
/// tagged <c>operation</c>: <c>lookup</c> (a lookup request; a miss, a refresh included, queues a task) or <c>details</c> (the panel and
/// the API reading what is cached). On the hottest paths: one <see cref="Counter{T}.Add(T, KeyValuePair{string, object?})"/>
/// with a tag made once, no allocation.
/// </summary>
public sealed class CacheMetrics
{
    private static readonly KeyValuePair<string, object?> Lookup = new("operation", "lookup");
    private static readonly KeyValuePair<string, object?> Details = new("operation", "details");

    private readonly Counter<long> _hits;
    private readonly Counter<long> _misses;

    public CacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(KumaTipTelemetry.Name);
        _hits = meter.CreateCounter<long>("kumatip_cache_hits_total", description: "Threat Lookup answers given from the cache.");
        _misses = meter.CreateCounter<long>("kumatip_cache_misses_total", description: "Threat Lookup requests the cache could not answer.");
    }

    public void LookupAnswered(bool fromCache) => (fromCache ? _hits : _misses).Add(1, Lookup);

    public void DetailsRead(bool found) => (found ? _hits : _misses).Add(1, Details);
}
