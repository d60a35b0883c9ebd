using Microsoft.Extensions.Caching.Memory;

namespace KumaTip.Application.Caching;

/// <summary>
/// Keeps values read from the database in memory until one of their <see cref="ChangeTopic"/>s changes (here or, on
/// PostgreSQL, in any instance) and at most <see cref="CachingOptions.Lifetime"/>, the safety net should a
/// notification be lost. Bounded by <see cref="CachingOptions.Capacity"/>: when full, the copies used least recently
/// make room (a copy offered meanwhile is not kept; the next read keeps it).
/// </summary>
/// <remarks>
/// The generation is read before the database is, so a change saved while a value is being loaded leaves that value
/// already outdated: a copy is never newer than its generation claims.
/// </remarks>
public sealed class ChangeAwareCache<TKey, TValue>(ChangeGenerations generations, IReadOnlyList<ChangeTopic> topics, CachingOptions options, TimeProvider time)
    where TKey : notnull
{
    private readonly MemoryCache _slots = new(new MemoryCacheOptions { SizeLimit = options.Capacity });

    /// <summary>The copy of <paramref name="key"/>, or what <paramref name="load"/> reads; kept only when <paramref name="keep"/> says so.</summary>
    public async Task<TValue> GetOrLoadAsync<TState>(
        TKey key, TState state, Func<TState, CancellationToken, Task<TValue>> load, Func<TValue, bool> keep, CancellationToken ct)
    {
        var generation = generations.Current(topics);
        var now = time.GetTimestamp();
        if (_slots.TryGetValue(key, out Slot? slot) && slot!.Generation == generation && now < slot.ExpiresAt)
        {
            return slot.Value;
        }

        var value = await load(state, ct);
        if (options.Enabled && keep(value))
        {
            _slots.Set(key, new Slot(generation, now + (long)(options.Lifetime.TotalSeconds * time.TimestampFrequency), value), CachingOptions.OneEntry);
        }

        return value;
    }

    /// <summary>Drops one copy at once, e.g. after this instance changed what it was read from without a tracked save.</summary>
    public void Forget(TKey key) => _slots.Remove(key);

    /// <summary>How many copies are kept now (for tests).</summary>
    internal int Count => _slots.Count;

    private sealed record Slot(long Generation, long ExpiresAt, TValue Value);
}
