namespace KumaTip.Application.ThreatLookup.Governance;

public enum LicencePurpose
{
    Lookup = 0,
    Refresh = 1,
    Restart = 2,
    ConnectionTest = 3,
}

/// <summary>
/// One upstream request, written in the transaction that reserved it: the usage page's "who spent what", per tenant,
/// user and day. Test connection has no tenant (only General administrators see those rows).
/// </summary>
public sealed class LicenceSpending
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The licence period it was counted in (its last day, or <see cref="LicenceCounter.OpenPeriod"/>).</summary>
    public DateOnly Period { get; set; }

    /// <summary>The UTC day of <see cref="At"/>, which the usage groups by.</summary>
    public DateOnly Day { get; set; }

    public Guid? TenantId { get; set; }

    public Guid? UserId { get; set; }

    public required string UserName { get; set; }

    public LicencePurpose Purpose { get; set; }

    /// <summary>Drawn on the pool, not on a share of the tenant's own.</summary>
    public bool FromPool { get; set; }
}
