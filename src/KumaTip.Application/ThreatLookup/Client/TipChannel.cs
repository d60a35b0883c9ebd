using Polly;
using Polly.CircuitBreaker;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// Everything kept for one connection version: the transport (handler, certificate, proxy) and the pipeline
/// (whose breaker and parallel limit belong to this version). Counted leases keep it alive while requests use it;
/// once retired it is disposed when the last lease ends.
/// </summary>
internal sealed class TipChannel(
    string versionKey, TipTransport transport, ResiliencePipeline<TipAttemptResult> pipeline, CircuitBreakerStateProvider breaker, TimeSpan attemptTimeout)
{
    private readonly Lock _gate = new();
    private int _leases;
    private bool _retired;
    private long _handshakeAcceptedAtTicks;

    public string VersionKey { get; } = versionKey;

    public TipTransport Transport { get; } = transport;

    public ResiliencePipeline<TipAttemptResult> Pipeline { get; } = pipeline;

    /// <summary>The state of <see cref="Pipeline"/>'s circuit breaker.</summary>
    public CircuitBreakerStateProvider Breaker { get; } = breaker;

    public TimeSpan AttemptTimeout { get; } = attemptTimeout;

    public bool IsDisposed { get; private set; }

    /// <summary>Whether a <see cref="TipHandshakeProbe"/> found the client certificate accepted in the last minute (no need to probe again).</summary>
    public bool HandshakeAcceptedRecently(DateTimeOffset now) =>
        now.UtcTicks - Interlocked.Read(ref _handshakeAcceptedAtTicks) < TimeSpan.TicksPerMinute;

    public void RecordHandshakeAccepted(DateTimeOffset now) => Interlocked.Exchange(ref _handshakeAcceptedAtTicks, now.UtcTicks);

    /// <summary>A lease, or null when the channel was retired in the meantime.</summary>
    public TipChannelLease? TryLease()
    {
        lock (_gate)
        {
            if (_retired)
            {
                return null;
            }

            _leases++;
            return new TipChannelLease(this);
        }
    }

    /// <summary>No new leases; disposed now if idle, else when the last in-flight request ends.</summary>
    public void Retire()
    {
        lock (_gate)
        {
            _retired = true;
            DisposeIfIdle();
        }
    }

    internal void Release()
    {
        lock (_gate)
        {
            _leases--;
            DisposeIfIdle();
        }
    }

    private void DisposeIfIdle()
    {
        if (_retired && _leases == 0 && !IsDisposed)
        {
            IsDisposed = true;
            Transport.Dispose();
        }
    }
}

/// <summary>Use of a <see cref="TipChannel"/> for one lookup; dispose it when the lookup ends.</summary>
internal sealed class TipChannelLease(TipChannel channel) : IDisposable
{
    private int _released;

    public TipChannel Channel { get; } = channel;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            Channel.Release();
        }
    }
}
