using KumaTip.Application.Tenancy;

namespace KumaTip.Application.Proxies;

/// <summary>
/// A proxy server the TIP client can go through: its URL, optional credentials (sealed like a secret's) and the
/// hosts reached directly.
/// </summary>
public sealed class ProxyServer : ITenantOwned
{
    public const int MaxNameLength = 128;

    public const int MaxUrlLength = 2048;

    public const int MaxBypassLength = 4000;

    public const int MaxDescriptionLength = 4000;

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>Normalised: scheme, host and port, nothing else (e.g. <c>http://proxy.corp.local:3128</c>).</summary>
    public required string Url { get; set; }

    /// <summary>Host names, <c>*.domain</c> patterns, IP addresses and CIDR ranges, one per line.</summary>
    public string? Bypass { get; set; }

    public string? Description { get; set; }

    /// <summary>This proxy's data key, wrapped by the master key named in <see cref="MasterKeyId"/>.</summary>
    public required byte[] WrappedDataKey { get; set; }

    public required string MasterKeyId { get; set; }

    /// <summary>Null when the proxy needs no authentication.</summary>
    public byte[]? SealedUserName { get; set; }

    public byte[]? SealedPassword { get; set; }

    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

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
