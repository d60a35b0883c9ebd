using System.Globalization;
using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Governance;

/// <summary>
/// Which limit refused a request and when it renews: a stable code per limit (the licence's own codes are
/// <c>quota_exhausted</c> and <c>licence_period_ended</c>, as before) and a message pages and the API translate
/// (Resources/ServiceErrorText.ru.resx).
/// </summary>
public static class LicenceRefusals
{
    public const string TenantShareExhausted = "tenant_share_exhausted";
    public const string PoolExhausted = "pool_exhausted";
    public const string UserDailyBudgetExhausted = "user_daily_budget_exhausted";

    public static Error TenantShare(string tenantName, int share, DateTimeOffset? renewsAt, DateTimeOffset now) => Refusal(
        renewsAt is { } at
            ? new Error(TenantShareExhausted, $"Tenant {tenantName} has used its share of {share} Threat Lookup requests for this licence period. It renews on {Display(at)}. Cached data is still available.", ErrorKind.TooManyRequests)
            : new Error(TenantShareExhausted, $"Tenant {tenantName} has used its share of {share} Threat Lookup requests. It renews when the General administrator raises the share or sets a new licence period. Cached data is still available.", ErrorKind.TooManyRequests),
        renewsAt,
        now);

    public static Error Pool(int size, DateTimeOffset? renewsAt, DateTimeOffset now) => Refusal(
        renewsAt is { } at
            ? new Error(PoolExhausted, $"The shared pool of {size} Threat Lookup requests (for tenants without a share of their own) is used up. It renews on {Display(at)}. Cached data is still available.", ErrorKind.TooManyRequests)
            : new Error(PoolExhausted, $"The shared pool of {size} Threat Lookup requests (for tenants without a share of their own) is used up. It renews when the General administrator changes the shares or sets a new licence period. Cached data is still available.", ErrorKind.TooManyRequests),
        renewsAt,
        now);

    public static Error UserDailyBudget(int budget, DateTimeOffset renewsAt, DateTimeOffset now) => Refusal(
        new Error(UserDailyBudgetExhausted, $"You have used your daily budget of {budget} Threat Lookup requests. It renews on {Display(renewsAt)}. Cached data is still available.", ErrorKind.TooManyRequests),
        renewsAt,
        now);

    /// <summary>Renewal as people read it, the same in every language: "2027-03-02 00:00 UTC".</summary>
    public static string Display(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A licence period's counts renew when the next period starts: the day after its last day, at 00:00 UTC.</summary>
    public static DateTimeOffset? RenewalOfPeriod(DateOnly? period) =>
        period is { } end && end != LicenceCounter.OpenPeriod ? new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;

    /// <summary>A daily budget renews at the next 00:00 UTC.</summary>
    public static DateTimeOffset RenewalOfDay(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static Error Refusal(Error error, DateTimeOffset? renewsAt, DateTimeOffset now) =>
        error with { RenewsAt = renewsAt, RetryAfter = renewsAt is { } at && at > now ? at - now : null };
}
