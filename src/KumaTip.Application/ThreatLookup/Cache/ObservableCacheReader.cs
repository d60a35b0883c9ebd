using KumaTip.Application.Caching;

namespace KumaTip.Application.ThreatLookup.Cache;

/// <summary>
/// The cache as analysts read it (lookups answered from the cache, the details panel, the API): from memory until
/// the cache tables change in any instance. A worker deciding whether to spend a request reads the tables
/// themselves (<see cref="ObservableCache.FindAsync"/>), under the fetch lease.
/// </summary>
public sealed class ObservableCacheReader(ObservableCache cache, ChangeAwareCache<string, ObservableCacheEntry?> copies)
{
    /// <summary>The entry for a key or alias; the instance returned is shared, so it must not be changed.</summary>
    public Task<ObservableCacheEntry?> FindAsync(string key, CancellationToken ct) =>
        copies.GetOrLoadAsync(key, (cache, key), static (q, token) => q.cache.FindAsync(q.key, token), e => e is { UpdatedAt: not null }, ct);
}
