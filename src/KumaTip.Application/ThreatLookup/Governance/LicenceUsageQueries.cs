using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.ThreatLookup.Governance;

/// <summary>The licence as a whole: its size, what is spent, and when a new period renews it.</summary>
public sealed record LicenceTotals(int Limit, int Used, int Remaining, DateOnly? PeriodEnd, DateTimeOffset? RenewsAt);

/// <summary>
/// One tenant in the current licence period: its share (null: it draws on the pool), what it spent, and what is left to
/// it (of its share, or of the pool, and never more than the licence has left).
/// </summary>
public sealed record TenantUsage(Guid TenantId, string TenantName, int? Share, int Spent, int Remaining, int Limit, DateTimeOffset? RenewsAt)
{
    /// <summary>10 % or less of its share (or of the pool) is left: every page warns its users.</summary>
    public bool Low => Limit == 0 || Remaining * 10 <= Limit;
}

public sealed record PoolUsage(int Size, int Spent, int Remaining);

/// <summary>
/// What one user spent for one tenant on one UTC day (tenant null: Test connection), and what was left of the user's
/// daily budget at the end of that day (now, for today); null when the budget is unlimited.
/// </summary>
public sealed record DailyUsage(DateOnly Day, Guid? TenantId, string? TenantName, Guid? UserId, string UserName, int Spent, int? UserBudgetLeft);

public sealed record LicenceUsage(
    LicenceTotals Licence,
    int? UserDailyBudget,
    PoolUsage Pool,
    IReadOnlyList<TenantUsage> Tenants,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<DailyUsage> Days);

/// <summary>Which days the usage covers (both inclusive); by default the last 30.</summary>
public sealed record LicenceUsageFilter(DateOnly? From = null, DateOnly? To = null, Guid? TenantId = null);

/// <summary>
/// The usage page and <c>GET /api/v1/lookups/usage</c>: per tenant, user and day, what was spent and what is left. The
/// tenant filter limits everything to the reader's tenants (Test connection's rows are General administrators').
/// </summary>
public sealed class LicenceUsageQueries(
    AppDbContext db, QuotaService quota, LicenceGovernance governance, LicenceAllocationService allocations, ThreatLookupSettingsService settings,
    TenantService readerTenants, ChangeAwareCache<int, LicenceStanding> standings, TimeProvider time)
{
    public const int DefaultDays = 30;

    public const int MaxDays = 366;

    public async Task<Result<LicenceUsage>> GetAsync(LicenceUsageFilter filter, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var to = filter.To ?? today;
        var from = filter.From ?? to.AddDays(1 - DefaultDays);
        if (from > to || to.DayNumber - from.DayNumber >= MaxDays)
        {
            return Error.Invalid("from", $"Choose at most {MaxDays} days, the first not after the last.");
        }

        var (licence, pool, tenants) = await StandingWithSpentAsync(ct);
        if (filter.TenantId is { } only)
        {
            tenants = tenants.Where(t => t.TenantId == only).ToList();
        }

        var days = await db.Set<LicenceSpending>().AsNoTracking()
            .Where(s => s.Day >= from && s.Day <= to && (filter.TenantId == null || s.TenantId == filter.TenantId))
            .GroupBy(s => new { s.Day, s.TenantId, s.UserId, s.UserName })
            .Select(g => new { g.Key.Day, g.Key.TenantId, g.Key.UserId, g.Key.UserName, Spent = g.Count() })
            .ToListAsync(ct);
        var budget = (await allocations.GetTermsAsync(ct)).UserDailyBudget;
        var userIds = days.Where(d => d.UserId != null).Select(d => d.UserId!.Value).Distinct().ToList();
        var userDays = budget is null
            ? []
            : await db.Set<LicenceCounter>().AsNoTracking()
                .Where(c => c.Kind == LicenceCounterKind.UserDay && c.Period >= from && c.Period <= to && userIds.Contains(c.OwnerId))
                .ToDictionaryAsync(c => (c.OwnerId, c.Period), c => c.Spent, ct);
        var names = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var rows = days
            .Select(d => new DailyUsage(
                d.Day, d.TenantId, d.TenantId is { } id ? names.GetValueOrDefault(id) : null, d.UserId, d.UserName, d.Spent,
                budget is { } b && d.UserId is { } user ? Math.Max(0, b - userDays.GetValueOrDefault((user, d.Day))) : null))
            .OrderByDescending(d => d.Day).ThenBy(d => d.TenantName).ThenBy(d => d.UserName, StringComparer.Ordinal)
            .ToList();
        return new LicenceUsage(licence, budget, pool, tenants, from, to, rows);
    }

    /// <summary>
    /// The tenants of the reader that have 10 % or less left: what the banner on every page names. It reads only the
    /// counters: what each tenant spent in the period (a count over every request of the period) is for the usage page.
    /// </summary>
    public async Task<IReadOnlyList<TenantUsage>> LowTenantsAsync(CancellationToken ct) =>
        (await ReaderStandingAsync(ct)).Tenants.Where(t => t.Low).ToList();

    /// <summary>
    /// The licence and what is left for each of the reader's tenants (its share, or the pool): read on every page and
    /// every metrics collection, so the standing is kept in memory until a request is drawn or the licence's terms change.
    /// </summary>
    public async Task<(LicenceStanding Standing, IReadOnlyList<TenantUsage> Tenants)> ReaderStandingAsync(CancellationToken ct)
    {
        var standing = await standings.GetOrLoadAsync(0, this, static (q, ct) => q.ReadStandingAsync(ct), _ => true, ct);
        var tenants = await readerTenants.ListAsync(ct);
        return (standing, tenants.Select(t => standing.Of(t.Id, t.Name, spent: 0)).ToList());
    }

    /// <summary>The usage page's figures, read afresh, with what each tenant spent in the period.</summary>
    private async Task<(LicenceTotals Licence, PoolUsage Pool, List<TenantUsage> Tenants)> StandingWithSpentAsync(CancellationToken ct)
    {
        var standing = await ReadStandingAsync(ct);
        var spent = await db.Set<LicenceSpending>().AsNoTracking()
            .Where(s => s.Period == standing.Period && s.TenantId != null)
            .GroupBy(s => s.TenantId!.Value)
            .Select(g => new { TenantId = g.Key, Spent = g.Count() })
            .ToDictionaryAsync(g => g.TenantId, g => g.Spent, ct);
        var tenants = (await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct))
            .Select(t => standing.Of(t.Id, t.Name, spent.GetValueOrDefault(t.Id)))
            .ToList();
        return (standing.Licence, standing.Pool, tenants);
    }

    private async Task<LicenceStanding> ReadStandingAsync(CancellationToken ct)
    {
        var terms = LookupService.Terms(await settings.GetAsync(ct));
        var status = await quota.GetAsync(terms, ct);
        var period = await governance.CountedPeriodAsync(ct);
        var renewsAt = LicenceRefusals.RenewalOfPeriod(period);
        var licence = new LicenceTotals(status.Limit, status.Used, status.Remaining, status.PeriodEnd, renewsAt);
        var allocation = await allocations.GetTermsAsync(ct);
        var poolSize = allocation.PoolSize(terms.Limit);
        var poolSpent = await governance.SpentAsync(LicenceCounterKind.Pool, Guid.Empty, period, ct);
        var pool = new PoolUsage(poolSize, poolSpent, Math.Min(status.Remaining, Math.Max(0, poolSize - poolSpent)));
        // Every tenant's counter (the reader's tenants are picked from them): the copy serves every reader.
        var shareCounters = await db.Set<LicenceCounter>().AsNoTracking()
            .Where(c => c.Kind == LicenceCounterKind.TenantShare && c.Period == period)
            .ToDictionaryAsync(c => c.OwnerId, c => c.Spent, ct);
        return new LicenceStanding(licence, status.PeriodEnded, pool, period, renewsAt, allocation, shareCounters);
    }
}

/// <summary>The licence period's standing, for every tenant alike: the licence, the pool, and each share's counter.</summary>
public sealed record LicenceStanding(
    LicenceTotals Licence, bool PeriodEnded, PoolUsage Pool, DateOnly Period, DateTimeOffset? RenewsAt, LicenceAllocationTerms Allocation, IReadOnlyDictionary<Guid, int> ShareCounters)
{
    /// <summary>One tenant's line: its share (or the pool) and what is left of it.</summary>
    public TenantUsage Of(Guid tenantId, string tenantName, int spent) =>
        Allocation.ShareOf(tenantId) is { } share
            ? new TenantUsage(
                tenantId, tenantName, share, spent, Math.Min(Licence.Remaining, Math.Max(0, share - ShareCounters.GetValueOrDefault(tenantId))), share, RenewsAt)
            : new TenantUsage(tenantId, tenantName, null, spent, Pool.Remaining, Pool.Size, RenewsAt);
}
