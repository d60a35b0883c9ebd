using KumaTip.Application.Audit;
using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.ThreatLookup.Governance;

/// <summary>The allocation as spending reads it: the user budget and each tenant's share.</summary>
public sealed record LicenceAllocationTerms(int? UserDailyBudget, IReadOnlyDictionary<Guid, int> Shares)
{
    public int Allocated => Shares.Values.Sum();

    /// <summary>What the shares leave of the licence: the tenants without a share draw on it.</summary>
    public int PoolSize(int licence) => Math.Max(0, licence - Allocated);

    public int? ShareOf(Guid tenantId) => Shares.TryGetValue(tenantId, out var requests) ? requests : null;
}

/// <summary>One tenant's line of the allocation: its share, or none (it draws on the pool).</summary>
public sealed record TenantShareInput(Guid TenantId, int? Requests);

/// <summary>The allocation form and <c>PUT /api/v1/settings/licence-allocation</c>: every tenant not listed draws on the pool.</summary>
public sealed record LicenceAllocationInput(int? UserDailyBudget, IReadOnlyList<TenantShareInput>? Shares, int? Version = null);

public sealed record TenantShareView(Guid TenantId, string TenantName, int? Requests);

public sealed record LicenceAllocationView(
    int Licence,
    DateOnly? LicencePeriodEnd,
    int? UserDailyBudget,
    IReadOnlyList<TenantShareView> Tenants,
    int Allocated,
    int Pool,
    int Version,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    bool CanEdit);

/// <summary>
/// Settings → Licence allocation: the General administrator divides the licence's requests among tenants and sets the
/// per-user daily budget; Tenant administrators read their tenants' lines (the tenant filter hides the others).
/// </summary>
public sealed class LicenceAllocationService(
    AppDbContext db, ThreatLookupSettingsService settings, AuditLog audit, CurrentUser user, TimeProvider time,
    ChangeAwareCache<int, LicenceAllocationTerms> terms)
{
    public const string AuditObject = "LicenceAllocation";

    /// <summary>The largest daily budget accepted: more than any licence grants in a day.</summary>
    public const int MaxUserDailyBudget = 10_000_000;

    /// <summary>
    /// Every tenant's share, whoever asks (the pool is what no share holds): read before each lookup and each request to
    /// TIP, so kept in memory until an allocation is saved.
    /// </summary>
    public Task<LicenceAllocationTerms> GetTermsAsync(CancellationToken ct) => terms.GetOrLoadAsync(0, db, ReadTermsAsync, _ => true, ct);

    private static async Task<LicenceAllocationTerms> ReadTermsAsync(AppDbContext db, CancellationToken ct)
    {
        var budget = await db.Set<LicenceAllocation>().AsNoTracking().Where(a => a.Id == LicenceAllocation.SingletonId).Select(a => a.UserDailyBudget).FirstOrDefaultAsync(ct);
        var shares = await db.Set<TenantLicenceShare>().IgnoreQueryFilters().AsNoTracking().ToDictionaryAsync(s => s.TenantId, s => s.Requests, ct);
        return new LicenceAllocationTerms(budget, shares);
    }

    public async Task<LicenceAllocationView> GetViewAsync(CancellationToken ct)
    {
        var row = await RowAsync(ct);
        var terms = await GetTermsAsync(ct);
        var licence = await settings.GetAsync(ct);
        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return new LicenceAllocationView(
            licence.LicenceQuota,
            licence.LicencePeriodEnd,
            row.UserDailyBudget,
            tenants.Select(t => new TenantShareView(t.Id, t.Name, terms.ShareOf(t.Id))).ToList(),
            terms.Allocated,
            terms.PoolSize(licence.LicenceQuota),
            row.Version,
            row.UpdatedAt,
            row.UpdatedBy,
            user.IsGeneralAdministrator);
    }

    public async Task<Result<LicenceAllocationView>> UpdateAsync(LicenceAllocationInput input, CancellationToken ct)
    {
        if (!user.IsGeneralAdministrator)
        {
            return new Error("forbidden", "Only a General administrator can divide the licence.", ErrorKind.Forbidden);
        }

        var row = await db.Set<LicenceAllocation>().FirstAsync(a => a.Id == LicenceAllocation.SingletonId, ct);
        if (input.Version is { } expected && expected != row.Version)
        {
            return ChangedMeanwhile();
        }

        var wanted = await ValidateAsync(input, ct);
        if (!wanted.Succeeded)
        {
            return wanted.Error!;
        }

        var shares = wanted.Value!;
        var stored = await db.Set<TenantLicenceShare>().ToListAsync(ct);
        var changed = new ChangedFields();
        changed.Set("UserDailyBudget", row.UserDailyBudget, input.UserDailyBudget, v => row.UserDailyBudget = v);
        var before = Describe(stored.ToDictionary(s => s.TenantId, s => s.Requests));
        changed.Set("Shares", before, Describe(shares), _ => { });
        if (changed.Count == 0)
        {
            return await GetViewAsync(ct);
        }

        db.Set<TenantLicenceShare>().RemoveRange(stored.Where(s => !shares.ContainsKey(s.TenantId)));
        foreach (var (tenantId, requests) in shares)
        {
            if (stored.FirstOrDefault(s => s.TenantId == tenantId) is { } share)
            {
                share.Requests = requests;
            }
            else
            {
                db.Set<TenantLicenceShare>().Add(new TenantLicenceShare { TenantId = tenantId, Requests = requests });
            }
        }

        row.Version++;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = user.UserName;
        audit.Record(AuditActions.Update, AuditObject, $"{LicenceAllocation.SingletonId}", "Licence allocation", null, changed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A stale version: another administrator saved meanwhile.
            return ChangedMeanwhile();
        }

        return await GetViewAsync(ct);
    }

    private async Task<LicenceAllocation> RowAsync(CancellationToken ct) =>
        await db.Set<LicenceAllocation>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == LicenceAllocation.SingletonId, ct) ?? new LicenceAllocation();

    /// <summary>The shares the input asks for, checked against the tenants and the licence; nothing is changed yet.</summary>
    private async Task<Result<Dictionary<Guid, int>>> ValidateAsync(LicenceAllocationInput input, CancellationToken ct)
    {
        if (input.UserDailyBudget is < 0 or > MaxUserDailyBudget)
        {
            return Error.Invalid(nameof(LicenceAllocationInput.UserDailyBudget), $"The daily budget per user must be between 0 and {MaxUserDailyBudget}, or empty for unlimited.");
        }

        var licence = (await settings.GetAsync(ct)).LicenceQuota;
        var tenants = await db.Tenants.AsNoTracking().Select(t => t.Id).ToListAsync(ct);
        var shares = new Dictionary<Guid, int>();
        foreach (var line in input.Shares ?? [])
        {
            if (!tenants.Contains(line.TenantId))
            {
                return Error.Invalid(nameof(LicenceAllocationInput.Shares), "A share names a tenant that does not exist.");
            }

            if (line.Requests is not { } requests)
            {
                continue;
            }

            if (requests < 0 || requests > licence)
            {
                return Error.Invalid(nameof(LicenceAllocationInput.Shares), $"A tenant's share must be between 0 and the licence's {licence} requests, or empty to draw on the pool.");
            }

            if (!shares.TryAdd(line.TenantId, requests))
            {
                return Error.Invalid(nameof(LicenceAllocationInput.Shares), "Each tenant has one share: a tenant is named twice.");
            }
        }

        var allocated = shares.Values.Sum(s => (long)s);
        return allocated <= licence
            ? shares
            : new Error("shares_exceed_licence", $"The shares add up to {allocated} requests, more than the licence's {licence}.") { Field = nameof(LicenceAllocationInput.Shares) };
    }

    private static string Describe(IReadOnlyDictionary<Guid, int> shares) =>
        string.Join(", ", shares.OrderBy(s => s.Key).Select(s => $"{s.Key}={s.Value}"));

    private static Error ChangedMeanwhile() => new(
        "changed_meanwhile", "The allocation was changed by someone else meanwhile. Open it again and repeat your change.", ErrorKind.Conflict);
}
