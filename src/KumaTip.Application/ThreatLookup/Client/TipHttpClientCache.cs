using KumaTip.Application.Common;
using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// One handler and pipeline per <see cref="TipConnection.VersionKey"/>. A new version (a changed secret, proxy or
/// setting) gets a new channel on its first lookup and retires the others, which are disposed as soon as their
/// in-flight requests end: the change applies from the next request, without a restart, and nothing leaks.
/// </summary>
public sealed class TipHttpClientCache(IOptions<TipClientOptions> options, PfxInspector pfxInspector, TimeProvider time) : IDisposable
{
    /// <summary>Used when the settings give none (or nonsense).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TipChannel> _channels = new(StringComparer.Ordinal);
    private bool _disposed;

    /// <summary>A lease on the channel of <paramref name="connection"/>'s version, creating it (and retiring older ones) if new.</summary>
    internal Result<TipChannelLease> Lease(TipConnection connection)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_channels.TryGetValue(connection.VersionKey, out var channel))
            {
                var created = Create(connection);
                if (created.Error is { } error)
                {
                    return error;
                }

                foreach (var old in _channels.Values)
                {
                    old.Retire();
                }

                _channels.Clear();
                channel = created.Value!;
                _channels.Add(connection.VersionKey, channel);
            }

            // Retirement happens under this lock too, so a channel still in the dictionary always grants a lease.
            return channel.TryLease()!;
        }
    }

    /// <summary>The live channel of a version, if any (for tests and diagnostics).</summary>
    internal TipChannel? Find(string versionKey)
    {
        lock (_gate)
        {
            return _channels.GetValueOrDefault(versionKey);
        }
    }

    /// <summary>The live channel's circuit breaker; null before the first lookup since start or a change.</summary>
    internal CircuitState? BreakerState
    {
        get
        {
            lock (_gate)
            {
                return _channels.Values.FirstOrDefault()?.Breaker.CircuitState;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var channel in _channels.Values)
            {
                channel.Retire();
            }

            _channels.Clear();
        }
    }

    internal static TimeSpan AttemptTimeoutOf(TipConnection connection) =>
        connection.RequestTimeout > TimeSpan.Zero && connection.RequestTimeout <= TimeSpan.FromHours(1) ? connection.RequestTimeout : DefaultRequestTimeout;

    internal static int ParallelLimitOf(TipConnection connection) => Math.Max(1, connection.MaxParallelRequests);

    private Result<TipChannel> Create(TipConnection connection)
    {
        var transport = TipTransport.Create(connection, options.Value, pfxInspector, time);
        if (transport.Error is { } error)
        {
            return error;
        }

        var attemptTimeout = AttemptTimeoutOf(connection);
        var breaker = new CircuitBreakerStateProvider();
        var pipeline = TipResiliencePipeline.Create(transport.Value!, attemptTimeout, ParallelLimitOf(connection), options.Value, breaker, time);
        return new TipChannel(connection.VersionKey, transport.Value!, pipeline, breaker, attemptTimeout);
    }
}
