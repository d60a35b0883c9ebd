namespace KumaTip.Application.ThreatLookup.Quota;

/// <summary>
/// The licence's request counter (one row): each upstream request is reserved here, atomically, before it is sent.
/// The licence's size and period end are settings (Settings → Kaspersky Threat Lookup); this row counts the period
/// <see cref="PeriodEnd"/> and keeps the account's own daily counters from the last answer's LicenseInfo.
/// </summary>
public sealed class LicenseQuota
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    /// <summary>Reserved so far in the counted period, whatever the answers were.</summary>
    public int Used { get; set; }

    /// <summary>The period end the count belongs to; a later one in the settings starts a new count.</summary>
    public DateOnly? PeriodEnd { get; set; }

    public string? AccessType { get; set; }

    public long? DayRequests { get; set; }

    public long? DayQuota { get; set; }

    public DateTimeOffset? LicenseInfoAt { get; set; }
}

/// <summary>The licence's size and end, from the settings.</summary>
public sealed record LicenceTerms(int Limit, DateOnly? PeriodEnd);
