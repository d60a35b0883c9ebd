namespace KumaTip.Application.ThreatLookup.Governance;

public enum LicenceCounterKind
{
    /// <summary>A tenant's share, counted per licence period (owner: the tenant).</summary>
    TenantShare = 0,

    /// <summary>The pool of the tenants without a share, counted per licence period (owner: <see cref="Guid.Empty"/>).</summary>
    Pool = 1,

    /// <summary>A user's daily budget, counted per UTC day (owner: the user).</summary>
    UserDay = 2,
}

/// <summary>
/// One limited count: spent only by a conditional <c>UPDATE ... SET Spent = Spent + 1 WHERE Spent &lt; limit</c>,
/// in the transaction that reserves the licence request, so instances racing for the last request cannot both win.
/// </summary>
public sealed class LicenceCounter
{
    /// <summary>The period of a licence without an end date.</summary>
    public static readonly DateOnly OpenPeriod = DateOnly.MaxValue;

    public LicenceCounterKind Kind { get; set; }

    public Guid OwnerId { get; set; }

    /// <summary>The licence period's last day (shares, pool) or the UTC day (user budgets).</summary>
    public DateOnly Period { get; set; }

    public int Spent { get; set; }
}
