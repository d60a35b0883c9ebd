using KumaTip.Application.Resources;

namespace KumaTip.Application.Proxies;

/// <summary>
/// A proxy server the TIP client can go through: its URL, optional credentials (sealed like a secret's) and the
/// destinations reached directly.
/// </summary>
public sealed class ProxyServer : SealedResource
{
    public const int MaxUrlLength = 2048;

    public const int MaxBypassLength = 4000;

    /// <summary>Normalised: scheme, host and port, nothing else (e.g. <c>http://proxy.corp.local:3128</c>).</summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>The <see cref="BypassList"/>'s normalised entries, one per line.</summary>
    public string? Bypass { get; set; }

    /// <summary>Null when the proxy needs no authentication.</summary>
    public byte[]? SealedUserName { get; set; }

    public byte[]? SealedPassword { get; set; }

    public IReadOnlyList<string> BypassEntries =>
        (Bypass ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Names bound into each sealed value of a proxy.</summary>
public static class ProxyFields
{
    public const string ObjectType = "proxy";

    public const string UserName = "UserName";

    public const string Password = "Password";
}
