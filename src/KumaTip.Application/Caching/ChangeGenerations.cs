namespace KumaTip.Application.Caching;

/// <summary>
/// A counter per <see cref="ChangeTopic"/>, raised by every saved change of the topic (in this instance, or in
/// another one through PostgreSQL's NOTIFY). An in-memory copy remembers the counter it was read under and is
/// worthless once the counter moved on: invalidation without tracking what was copied.
/// </summary>
public sealed class ChangeGenerations
{
    private readonly long[] _counters = new long[ChangeTopics.All.Count];

    public long Current(ChangeTopic topic) => Volatile.Read(ref _counters[(int)topic]);

    /// <summary>
    /// One number for copies that depend on several topics: the counters only grow, so their sum moves whenever any of
    /// them does.
    /// </summary>
    public long Current(IReadOnlyList<ChangeTopic> topics)
    {
        var sum = 0L;
        foreach (var topic in topics)
        {
            sum += Current(topic);
        }

        return sum;
    }

    public void Raise(ChangeTopic topic) => Interlocked.Increment(ref _counters[(int)topic]);

    /// <summary>After notifications may have been missed (the listening connection dropped): nothing copied is trusted.</summary>
    public void RaiseAll()
    {
        foreach (var topic in ChangeTopics.All)
        {
            Raise(topic);
        }
    }
}
