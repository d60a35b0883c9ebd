using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Quota;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.ThreatLookup.Governance;

/// <summary>Who causes an upstream request: the tenant it is for (none for Test connection), the user, and why.</summary>
public sealed record LicenceSpender(Guid? TenantId, Guid? UserId, string UserName, LicencePurpose Purpose);

/// <summary>
/// The licence's limits, drawn on together: the licence counter, the tenant's share (or the pool), and the user's daily
/// budget. <see cref="TrySpendAsync"/> draws on all of them in ONE transaction, each by a conditional UPDATE, right
/// before a request is sent, so racing instances never overspend any of them; <see cref="CheckAsync"/> refuses early,
/// before anything is queued, with the same errors.
/// </summary>
public sealed class LicenceGovernance(
    AppDbContext db, QuotaService quota, LicenceAllocationService allocations, ChangePublisher changes, TimeProvider time)
{
    /// <summary>Reserves one upstream request against every limit, or none of them (the refusal names the limit).</summary>
    public async Task<Result> TrySpendAsync(LicenceTerms terms, LicenceSpender spender, CancellationToken ct)
    {
        var allocation = await allocations.GetTermsAsync(ct);
        return await TrySpendAtOnceAsync(terms, allocation, spender, ct)
            ? Result.Ok()
            : await SpendStepByStepAsync(terms, allocation, spender, ct);
    }

    /// <summary>
    /// The common case in one round trip and the commit: the licence row counts the period the settings name, and every
    /// limit has room. The statements are those of <see cref="SpendStepByStepAsync"/> (each conditional, the licence row
    /// first); when any finds no room, all are rolled back and the step-by-step path decides again and names the limit.
    /// It is worth its own path: it runs before every request to TIP, and eight round trips cost the worker ~6 ms each time.
    /// </summary>
    private async Task<bool> TrySpendAtOnceAsync(LicenceTerms terms, LicenceAllocationTerms allocation, LicenceSpender spender, CancellationToken ct)
    {
        var spending = NewSpending(spender, terms.PeriodEnd ?? LicenceCounter.OpenPeriod, allocation);
        if (spending.Period < spending.Day)
        {
            return false; // the licence period ended: refused step by step, with the reason
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using var batch = new SqlBatch(db);
        if (terms.PeriodEnd is { } end)
        {
            batch.Add($@"UPDATE ""LicenseQuota"" SET ""Used"" = ""Used"" + 1 WHERE ""Id"" = {LicenseQuota.SingletonId} AND ""Used"" < {terms.Limit} AND ""PeriodEnd"" = {end}");
        }
        else
        {
            batch.Add($@"UPDATE ""LicenseQuota"" SET ""Used"" = ""Used"" + 1 WHERE ""Id"" = {LicenseQuota.SingletonId} AND ""Used"" < {terms.Limit} AND ""PeriodEnd"" IS NULL");
        }

        var draws = Draws(terms, allocation, spender, spending);
        foreach (var (kind, owner, period, limit) in draws)
        {
            // The counter row is created with its first request, unless the limit is 0.
            batch.Add($@"INSERT INTO ""LicenceCounters"" (""Kind"", ""OwnerId"", ""Period"", ""Spent"") SELECT {kind}, {owner}, {period}, 1 WHERE {limit} > 0
                ON CONFLICT (""Kind"", ""OwnerId"", ""Period"") DO UPDATE SET ""Spent"" = ""LicenceCounters"".""Spent"" + 1 WHERE ""LicenceCounters"".""Spent"" < {limit}");
        }

        batch.AddInsertUnlessConflicting(spending);
        ChangePublisher.AddNotification(batch, ChangeTopic.LicenceCounters);
        var counts = await batch.ExecuteAsync(ct);
        if (counts.Take(1 + draws.Count).Any(count => count != 1))
        {
            await transaction.RollbackAsync(ct);
            return false;
        }

        await transaction.CommitAsync(ct);
        changes.RaiseLocally([ChangeTopic.LicenceCounters]);
        return true;
    }

    /// <summary>
    /// The counters a request is drawn on besides the licence: the pool (a tenant without a share), the tenant's share,
    /// the user's day. A tenant's and a user's counters count every request, limited or not: a share or a budget set in
    /// the middle of a period (or a day) then starts from what was really spent.
    /// </summary>
    private static List<(LicenceCounterKind Kind, Guid Owner, DateOnly Period, int Limit)> Draws(
        LicenceTerms terms, LicenceAllocationTerms allocation, LicenceSpender spender, LicenceSpending spending)
    {
        var draws = new List<(LicenceCounterKind, Guid, DateOnly, int)>(3);
        if (spender.TenantId is { } tenantId)
        {
            if (spending.FromPool)
            {
                draws.Add((LicenceCounterKind.Pool, Guid.Empty, spending.Period, allocation.PoolSize(terms.Limit)));
            }

            draws.Add((LicenceCounterKind.TenantShare, tenantId, spending.Period, allocation.ShareOf(tenantId) ?? int.MaxValue));
        }

        if (spender.UserId is { } userId)
        {
            draws.Add((LicenceCounterKind.UserDay, userId, spending.Day, allocation.UserDailyBudget ?? int.MaxValue));
        }

        return draws;
    }

    private LicenceSpending NewSpending(LicenceSpender spender, DateOnly period, LicenceAllocationTerms allocation)
    {
        var now = time.GetUtcNow();
        return new LicenceSpending
        {
            Id = Guid.CreateVersion7(),
            At = now,
            Day = DateOnly.FromDateTime(now.UtcDateTime),
            Period = period,
            TenantId = spender.TenantId,
            UserId = spender.UserId,
            UserName = spender.UserName,
            Purpose = spender.Purpose,
            FromPool = spender.TenantId is { } tenantId && allocation.ShareOf(tenantId) is null,
        };
    }

    /// <summary>
    /// One statement at a time, so that a refusal can say which limit has nothing left, and a new licence period starts.
    /// The licence row is locked first by every spender, so the counters are always locked in the same order (no
    /// deadlock), and a refusal by any of them rolls the licence request back with the rest.
    /// </summary>
    private async Task<Result> SpendStepByStepAsync(LicenceTerms terms, LicenceAllocationTerms allocation, LicenceSpender spender, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var licence = await quota.TryReserveAsync(terms, ct);
        if (!licence.Succeeded)
        {
            return WithRenewal(licence.Error!, terms.PeriodEnd);
        }

        var spending = NewSpending(spender, await CountedPeriodAsync(ct), allocation);
        foreach (var (kind, owner, period, limit) in Draws(terms, allocation, spender, spending))
        {
            if (!await TryDrawAsync(kind, owner, period, limit, ct))
            {
                var now = time.GetUtcNow();
                return kind switch
                {
                    LicenceCounterKind.Pool => LicenceRefusals.Pool(limit, LicenceRefusals.RenewalOfPeriod(period), now),
                    LicenceCounterKind.TenantShare => LicenceRefusals.TenantShare(await TenantNameAsync(owner, ct), limit, LicenceRefusals.RenewalOfPeriod(period), now),
                    _ => LicenceRefusals.UserDailyBudget(limit, LicenceRefusals.RenewalOfDay(period), now),
                };
            }
        }

        await db.InsertUnlessConflictingAsync(spending, ct);
        db.Entry(spending).State = EntityState.Detached;
        await transaction.CommitAsync(ct);
        // The counters moved by UPDATE statements, which no SaveChanges reports: copies of them (the licence banner) are
        // outdated in every instance now.
        await changes.PublishAsync(db, ChangeTopic.LicenceCounters, ct);
        return Result.Ok();
    }

    /// <summary>Refuses at once, before a task is queued, when any limit has nothing left; cached answers need none.</summary>
    public async Task<Result> CheckAsync(LicenceTerms terms, Guid? tenantId, Guid? userId, CancellationToken ct)
    {
        var allocation = await allocations.GetTermsAsync(ct);
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var share = tenantId is { } tenant ? allocation.ShareOf(tenant) : null;
        var (kind, owner) = share is null ? (LicenceCounterKind.Pool, Guid.Empty) : (LicenceCounterKind.TenantShare, tenantId!.Value);
        var user = userId ?? Guid.Empty;
        var counters = db.Set<LicenceCounter>().AsNoTracking();
        // The licence row and the two counters a request would draw on, in one query: it runs before every lookup.
        var standing = await db.LicenseQuota.AsNoTracking().Where(q => q.Id == LicenseQuota.SingletonId).Select(q => new
        {
            q.Used,
            q.PeriodEnd,
            Tenant = counters.Where(c => c.Kind == kind && c.OwnerId == owner && c.Period == (q.PeriodEnd ?? LicenceCounter.OpenPeriod))
                .Select(c => c.Spent).FirstOrDefault(),
            User = counters.Where(c => c.Kind == LicenceCounterKind.UserDay && c.OwnerId == user && c.Period == today)
                .Select(c => c.Spent).FirstOrDefault(),
        }).FirstAsync(ct);

        // Settings that name a later period end start a new period, in which nothing is spent yet.
        var newPeriod = terms.PeriodEnd is { } end && (standing.PeriodEnd is null || end > standing.PeriodEnd);
        var licence = newPeriod ? await quota.EnsureAvailableAsync(terms, ct) : quota.Check(terms, standing.Used);
        if (!licence.Succeeded)
        {
            return WithRenewal(licence.Error!, terms.PeriodEnd);
        }

        var period = (newPeriod ? terms.PeriodEnd : standing.PeriodEnd) ?? LicenceCounter.OpenPeriod;
        var spentInPeriod = newPeriod ? 0 : standing.Tenant;
        if (tenantId is { } spender)
        {
            if (share is { } requests && spentInPeriod >= requests)
            {
                return LicenceRefusals.TenantShare(await TenantNameAsync(spender, ct), requests, LicenceRefusals.RenewalOfPeriod(period), now);
            }

            if (share is null && spentInPeriod >= allocation.PoolSize(terms.Limit))
            {
                return LicenceRefusals.Pool(allocation.PoolSize(terms.Limit), LicenceRefusals.RenewalOfPeriod(period), now);
            }
        }

        return allocation.UserDailyBudget is { } budget && userId is not null && standing.User >= budget
            ? LicenceRefusals.UserDailyBudget(budget, LicenceRefusals.RenewalOfDay(today), now)
            : Result.Ok();
    }

    /// <summary>The licence period the counter counts now (after any reset to a new one).</summary>
    public async Task<DateOnly> CountedPeriodAsync(CancellationToken ct) =>
        await db.LicenseQuota.AsNoTracking().Where(q => q.Id == LicenseQuota.SingletonId).Select(q => q.PeriodEnd).FirstAsync(ct) ?? LicenceCounter.OpenPeriod;

    public Task<int> SpentAsync(LicenceCounterKind kind, Guid owner, DateOnly period, CancellationToken ct) =>
        db.Set<LicenceCounter>().AsNoTracking().Where(c => c.Kind == kind && c.OwnerId == owner && c.Period == period)
            .Select(c => c.Spent).FirstOrDefaultAsync(ct);

    /// <summary>
    /// One more request on the counter unless that passes the limit (<c>Spent &lt; limit</c>, which cannot overflow for
    /// an unlimited one); the counter row is created on first use.
    /// </summary>
    private async Task<bool> TryDrawAsync(LicenceCounterKind kind, Guid owner, DateOnly period, int limit, CancellationToken ct)
    {
        if (await DrawAsync(kind, owner, period, limit, ct))
        {
            return true;
        }

        var counter = new LicenceCounter { Kind = kind, OwnerId = owner, Period = period };
        if (await db.InsertUnlessConflictingAsync(counter, ct))
        {
            db.Entry(counter).State = EntityState.Detached;
        }

        return await DrawAsync(kind, owner, period, limit, ct);
    }

    private async Task<bool> DrawAsync(LicenceCounterKind kind, Guid owner, DateOnly period, int limit, CancellationToken ct) =>
        await db.Set<LicenceCounter>()
            .Where(c => c.Kind == kind && c.OwnerId == owner && c.Period == period && c.Spent < limit)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Spent, c => c.Spent + 1), ct) == 1;

    private async Task<string> TenantNameAsync(Guid tenantId, CancellationToken ct) =>
        await db.Tenants.IgnoreQueryFilters().AsNoTracking().Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync(ct) ?? tenantId.ToString();

    /// <summary>The licence's own refusals keep their codes and say when a new period starts, when the settings know.</summary>
    private Error WithRenewal(Error error, DateOnly? periodEnd)
    {
        var renewsAt = error.Code == "quota_exhausted" ? LicenceRefusals.RenewalOfPeriod(periodEnd) : null;
        var now = time.GetUtcNow();
        return renewsAt is { } at ? error with { RenewsAt = at, RetryAfter = at > now ? at - now : null } : error;
    }
}
