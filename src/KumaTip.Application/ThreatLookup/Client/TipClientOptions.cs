using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// The <c>ThreatLookup:Client</c> section: how hard the client tries. The per-attempt timeout and the parallel limit
/// come from the settings (<c>TipConnection</c>), since an administrator changes them without a restart.
/// </summary>
public sealed class TipClientOptions
{
    public const string Section = "ThreatLookup:Client";

    /// <summary>Attempts per lookup, the first included. Every attempt is a request against the licence.</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first retry's delay; it grows exponentially, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A 429 asking to wait longer than this is not retried: the lookup fails as transient and says when to retry.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The whole lookup (queueing, attempts, waits) may take this many per-attempt timeouts.</summary>
    [Range(1, 20)]
    public int TotalTimeoutFactor { get; set; } = 3;

    /// <summary>The circuit breaker opens when at least this many attempts were made in <see cref="BreakerSamplingDuration"/>…</summary>
    [Range(2, 1000)]
    public int BreakerMinimumThroughput { get; set; } = 4;

    /// <summary>…and at least this share of them failed transiently (5xx, timeouts, connection failures).</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.75;

    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long lookups fail fast once the breaker is open, before one is let through to probe TIP.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When a connection closes before any answer, KumaTip opens one more and sends nothing on it: a server that closes
    /// it within this time refused the client certificate (TLS 1.3 reports that no other way). No request is counted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:01:00")]
    public TimeSpan HandshakeProbeWait { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The largest answer KumaTip reads (bytes, 64 KiB to 1 GiB). A bigger one fails its lookup for good: nothing is
    /// stored, and the request still counts against the licence.
    /// </summary>
    [Range(64 * 1024, 1024 * 1024 * 1024)]
    public int MaxAnswerBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Connections are renewed after this long, so a changed DNS answer for TIP is picked up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
