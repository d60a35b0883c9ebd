namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>
/// Settings → Kaspersky Threat Lookup: one row for the whole installation (not tenant-owned; the secret chosen may
/// belong to any tenant). Only General administrators change it. Read it with
/// <see cref="ThreatLookupSettingsService.GetAsync"/>, which gives the defaults below until the first save.
/// </summary>
public sealed class ThreatLookupSettings
{
    public const int SingletonId = 1;

    public const string DefaultBaseUrl = "https://tip.kaspersky.com";

    public const int DefaultLicenceQuota = 100;

    public const int DefaultMaxParallelRequests = 4;

    public const int MaxUrlLength = 2048;

    public const int MaxExtraCaPemLength = 256 * 1024;

    public static readonly TimeSpan DefaultCacheFreshness = TimeSpan.FromDays(7);

    public static readonly TimeSpan DefaultNotFoundFreshness = TimeSpan.FromDays(1);

    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    public int Id { get; set; } = SingletonId;

    public bool Disabled { get; set; }

    /// <summary>The <c>kti</c> secret used for every TIP request; null until chosen.</summary>
    public Guid? SecretId { get; set; }

    /// <summary>The proxy server to go through; null for a direct connection.</summary>
    public Guid? ProxyId { get; set; }

    /// <summary>Where the TIP API is called (the simulator, an on-premise mirror or a test can stand in).</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Where "Go to Kaspersky TIP" links point.</summary>
    public string PortalUrl { get; set; } = DefaultBaseUrl;

    /// <summary>One or more PEM certificates trusted in addition to the system's (a TLS-inspecting proxy, a test service).</summary>
    public string? ExtraCaPem { get; set; }

    /// <summary>Threat Lookup requests the licence grants per licence period.</summary>
    public int LicenceQuota { get; set; } = DefaultLicenceQuota;

    /// <summary>The last day of the licence period (inclusive); null when unknown.</summary>
    public DateOnly? LicencePeriodEnd { get; set; }

    /// <summary>How long obtained data counts as fresh.</summary>
    public TimeSpan CacheFreshness { get; set; } = DefaultCacheFreshness;

    /// <summary>How long a "not found" answer counts as fresh.</summary>
    public TimeSpan NotFoundFreshness { get; set; } = DefaultNotFoundFreshness;

    /// <summary>At most this many requests to TIP at once, across all workers of this instance.</summary>
    public int MaxParallelRequests { get; set; } = DefaultMaxParallelRequests;

    /// <summary>How long one request to TIP may take.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>0 until the first save, then incremented on every change.</summary>
    public int Version { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>A detached copy (every property is immutable or a value).</summary>
    public ThreatLookupSettings Copy() => (ThreatLookupSettings)MemberwiseClone();
}
