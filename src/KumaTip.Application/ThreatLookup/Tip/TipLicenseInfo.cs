namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>What TIP's <c>LicenseInfo</c> says about the account's own daily counters.</summary>
public sealed record TipLicenseInfo
{
    /// <summary><c>Commercial</c> or <c>Trial</c>.</summary>
    public string? AccessType { get; init; }

    /// <summary>Requests used today.</summary>
    public long? DayRequests { get; init; }

    /// <summary>The daily limit.</summary>
    public long? DayQuota { get; init; }

    /// <summary>Null for accounts without an API token.</summary>
    public TipDate? TokenExpirationDate { get; init; }
}
