namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>
/// Everything needed to call TIP, unsealed, for one request's lifetime: never logged, never stored, never returned.
/// <see cref="VersionKey"/> changes whenever the secret, the proxy or the settings change, so the client can keep
/// one HttpClient per version and drop old ones.
/// </summary>
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
    // Records print every member; this one must print none of the sensitive ones.
    public override string ToString() => $"TipConnection {{ BaseUrl = {BaseUrl}, Proxy = {Proxy?.Url}, VersionKey = {VersionKey} }}";
}

public sealed record ProxyConnection(Uri Url, string? UserName, string? Password, IReadOnlyList<string> Bypass)
{
    public override string ToString() => $"ProxyConnection {{ Url = {Url} }}";
}
