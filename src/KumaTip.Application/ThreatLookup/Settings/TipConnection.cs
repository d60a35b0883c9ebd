namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>
/// Everything the TIP client needs to reach Threat Lookup, with the credentials unsealed. Short-lived: build the
/// HTTP handler from it and let it go. <see cref="ToString"/> never prints a credential.
/// </summary>
/// <param name="Disabled">True only from <see cref="ThreatLookupConnectionSource.GetEvenIfDisabledAsync"/> when Threat Lookup is turned off.</param>
/// <param name="BaseUrl">The TIP API root, always ending with <c>/</c> (default <c>https://tip.kaspersky.com/</c>):
/// build request URLs as <c>new Uri(BaseUrl, "api/hash/...")</c>.</param>
/// <param name="PortalUrl">Where "Go to Kaspersky TIP" links point, ending with <c>/</c>.</param>
/// <param name="UserName">HTTP Basic user.</param>
/// <param name="Password">HTTP Basic password.</param>
/// <param name="Pfx">The client certificate with its private key (PKCS#12), for mutual TLS.</param>
/// <param name="PfxPassword">The PFX's password.</param>
/// <param name="ExtraCaPem">Certificates to trust besides the system's (PEM), or null.</param>
/// <param name="Proxy">The proxy server to go through, or null for a direct connection.</param>
/// <param name="VersionKey">Changes whenever the secret, the proxy server or the settings change:
/// <c>{secretId}:{secretVersion}|{proxyId or none}:{proxyVersion}|{settingsVersion}</c>. Key the HTTP client cache by it.</param>
/// <param name="MaxParallelRequests">At most this many requests to TIP at once.</param>
/// <param name="RequestTimeout">How long one request may take.</param>
public sealed record TipConnection(
    bool Disabled,
    Uri BaseUrl,
    Uri PortalUrl,
    string UserName,
    string Password,
    byte[] Pfx,
    string PfxPassword,
    string? ExtraCaPem,
    ProxyConnection? Proxy,
    string VersionKey,
    int MaxParallelRequests,
    TimeSpan RequestTimeout)
{
    /// <summary>The secret's name, for messages ("the certificate of secret X was refused").</summary>
    public string SecretName { get; init; } = string.Empty;

    public override string ToString() =>
        $"TipConnection {{ BaseUrl = {BaseUrl}, Secret = {SecretName}, Proxy = {Proxy?.Url.ToString() ?? "none"}, VersionKey = {VersionKey}, Disabled = {Disabled} }}";
}

/// <summary>The proxy server of a <see cref="TipConnection"/>, credentials unsealed.</summary>
/// <param name="Url">Scheme, host and port, e.g. <c>http://proxy.corp.local:3128</c>.</param>
/// <param name="UserName">Null when the proxy needs no authentication.</param>
/// <param name="Bypass">The destinations reached directly: the proxy's <see cref="Proxies.BypassList"/> entries as stored.</param>
public sealed record ProxyConnection(Uri Url, string? UserName, string? Password, IReadOnlyList<string> Bypass)
{
    public override string ToString() => $"ProxyConnection {{ Url = {Url}, Authenticated = {UserName is not null}, Bypass = {Bypass.Count} entries }}";
}
