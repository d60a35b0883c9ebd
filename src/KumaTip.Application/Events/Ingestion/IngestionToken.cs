using KumaTip.Application.Tenancy;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>
/// A token that lets a collector (a KUMA forwarder, a script) send events to one tenant and do nothing else.
/// Only its SHA-256 hash is stored; the token itself is shown once, when an administrator creates it.
/// </summary>
public sealed class IngestionToken : ITenantOwned
{
    public const int MaxNameLength = 128;

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, so administrators can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public required byte[] Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
