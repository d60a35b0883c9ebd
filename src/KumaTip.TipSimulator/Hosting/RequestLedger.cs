using System.Collections.Concurrent;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>
/// Every request that reached /api, answered or not (faults, 401, 404 included): the proof that a client
/// spent exactly one upstream request, and how long the simulator took to answer each one.
/// </summary>
internal sealed class RequestLedger
{
    private readonly ConcurrentDictionary<string, int> _byObservable = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TimeSpan>> _servedIn = new(StringComparer.Ordinal);
    private int _total;

    public int Total => Volatile.Read(ref _total);

    /// <param name="observable">The decoded value from the path, when there was one.</param>
    public void Count(string? observable)
    {
        Interlocked.Increment(ref _total);
        if (observable is not null)
        {
            _byObservable.AddOrUpdate(observable, 1, (_, count) => count + 1);
        }
    }

    public int CountFor(string observable) => _byObservable.GetValueOrDefault(observable);

    /// <param name="elapsed">From the request reaching the handler to its answer written (injected latency included).</param>
    public void Served(string observable, TimeSpan elapsed) => _servedIn.GetOrAdd(observable, _ => new()).Enqueue(elapsed);

    /// <summary>How long each request for the observable took the simulator, in the order they finished.</summary>
    public IReadOnlyList<TimeSpan> ServedIn(string observable) => _servedIn.TryGetValue(observable, out var times) ? [.. times] : [];

    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_byObservable, StringComparer.Ordinal);

    public void Reset()
    {
        _byObservable.Clear();
        _servedIn.Clear();
        Interlocked.Exchange(ref _total, 0);
    }
}
