using System.Collections.Concurrent;

namespace KumaTip.Application.Caching;

/// <summary>
/// Keeps values read from the database in memory until their <see cref="ChangeTopic"/> changes (here or, on
/// PostgreSQL, in any instance) and at most <see cref="CachingOptions.Lifetime"/>, the safety net should a
/// notification be lost. Bounded: when full, it starts afresh rather than tracking what is least used.
/// </summary>
/// <remarks>
/// The generation is read before the database is, so a change saved while a value is being loaded leaves that value
/// already outdated: a copy is never newer than its generation claims.
/// </remarks>
public sealed class ChangeAwareCache<TKey, TValue>(ChangeGenerations generations, ChangeTopic topic, CachingOptions options, TimeProvider time)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Slot> _slots = new();

    /// <summary>The copy of <paramref name="key"/>, or what <paramref name="load"/> reads; kept only when <paramref name="keep"/> says so.</summary>
    public async Task<TValue> GetOrLoadAsync<TState>(
        TKey key, TState state, Func<TState, CancellationToken, Task<TValue>> load, Func<TValue, bool> keep, CancellationToken ct)
    {
        var generation = generations.Current(topic);
        var now = time.GetTimestamp();
        if (_slots.TryGetValue(key, out var slot) && slot.Generation == generation && now < slot.ExpiresAt)
        {
            return slot.Value;
        }

        var value = await load(state, ct);
        if (options.Enabled && keep(value))
        {
            if (_slots.Count >= options.Capacity)
            {
                _slots.Clear();
            }

            _slots[key] = new Slot(generation, now + (long)(options.Lifetime.TotalSeconds * time.TimestampFrequency), value);
        }

        return value;
    }

    /// <summary>Drops one copy at once, e.g. after this instance changed what it was read from without a tracked save.</summary>
    public void Forget(TKey key) => _slots.TryRemove(key, out _);

    private sealed record Slot(long Generation, long ExpiresAt, TValue Value);
}
