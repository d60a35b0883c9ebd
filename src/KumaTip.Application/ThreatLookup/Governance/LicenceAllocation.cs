namespace KumaTip.Application.ThreatLookup.Governance;

/// <summary>
/// How the General administrator divides the licence (one row for the installation): the per-user daily budget here,
/// each tenant's share in <see cref="TenantLicenceShare"/>. Tenants without a share draw on the pool, which is what
/// the shares leave of the licence.
/// </summary>
public sealed class LicenceAllocation
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>
    /// Upstream requests one user may cause per UTC day, across all tenants; null is unlimited (the default, so an
    /// upgrade refuses nothing that worked before: the General administrator chooses the number).
    /// </summary>
    public int? UserDailyBudget { get; set; }

    /// <summary>0 until the first save, then incremented on every change.</summary>
    public int Version { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>The requests of each licence period that one tenant may spend; a tenant without a row draws on the pool.</summary>
public sealed class TenantLicenceShare
{
    public Guid TenantId { get; set; }

    public int Requests { get; set; }
}
