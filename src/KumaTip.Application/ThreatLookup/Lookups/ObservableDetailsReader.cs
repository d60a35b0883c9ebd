using KumaTip.Application.Common;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>
/// What the cache holds about an observable, for the details panel and the API. Apart from <see cref="LookupService"/>
/// because reading needs none of what queuing does (quota, task queue, tenant choice), and the panel and the API
/// answer many reads from memory where building those would be most of the work.
/// </summary>
public sealed class ObservableDetailsReader(ObservableCacheReader reader, CurrentThreatLookupSettings settings, CacheMetrics metrics, TimeProvider time)
{
    /// <summary>The error code when the cache has nothing for the observable.</summary>
    public const string NotInCache = "not_in_cache";

    /// <summary>The cached details of an observable, or <see cref="NotInCache"/> when the cache has nothing for it.</summary>
    public async Task<Result<ObservableDetails>> FindAsync(Observable observable, CancellationToken ct)
    {
        var entry = await reader.FindAsync(observable.Key, ct);
        metrics.DetailsRead(found: entry?.UpdatedAt is not null);
        if (entry is null || entry.UpdatedAt is null)
        {
            return new Error(NotInCache, $"Nothing is cached for {observable.Display} yet: request a lookup.", ErrorKind.NotFound);
        }

        var current = await settings.GetAsync(ct);
        return ObservableDetails.From(observable, entry, LookupService.Freshness(current), time.GetUtcNow(), new Uri(current.PortalUrl));
    }
}
