using KumaTip.Application.Tenancy;

namespace KumaTip.Application.Resources;

/// <summary>
/// What a secret and a proxy server have in common: owned by a tenant and named uniquely within it, credentials
/// sealed under the resource's own data key, and a version that refuses a change made from a stale copy.
/// </summary>
public abstract class SealedResource : ITenantOwned
{
    public const int MaxNameLength = 128;

    public const int MaxDescriptionLength = 4000;

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    /// <summary>This resource's data key, wrapped by the master key named in <see cref="MasterKeyId"/>.</summary>
    public byte[] WrappedDataKey { get; set; } = [];

    /// <summary>Kept beside the wrapped key so the start-up check and rotation find the keys in use with one SELECT DISTINCT.</summary>
    public string MasterKeyId { get; set; } = string.Empty;

    /// <summary>Incremented on every change: a stale editor is refused, and the TIP client knows when to rebuild its connection.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What the form and the API send about any sealed resource, besides its own fields.</summary>
public interface IResourceInput
{
    string? Name { get; }

    Guid? TenantId { get; }

    string? Description { get; }

    /// <summary>The version the editor started from; when set and stale, the change is refused.</summary>
    int? Version { get; }
}

/// <summary>What the pages need to know of any sealed resource they show.</summary>
public interface IResourceSummary
{
    Guid Id { get; }

    string Name { get; }

    Guid TenantId { get; }
}
