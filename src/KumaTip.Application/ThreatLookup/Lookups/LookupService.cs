using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.Tasks;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.ThreatLookup.Lookups;

public sealed record LookupRequest(Observable Observable, IReadOnlyList<string>? Sections, Guid? TenantId, bool Refresh = false);

/// <summary>Either the cache answered (free), or a task was queued or joined (one upstream request at most).</summary>
public abstract record LookupResult
{
    private LookupResult()
    {
    }

    public sealed record Cached(ObservableDetails Details) : LookupResult;

    public sealed record Queued(TaskItem Task, bool Joined, IReadOnlyList<string> Sections) : LookupResult;
}

/// <summary>What a lookup would cost, for the enrichment window: free from the cache, or one of the requests left.</summary>
public sealed record LookupCost(Observable Observable, IReadOnlyList<TipDataGroup> Groups, IReadOnlyList<string> Missing, QuotaStatus Quota);

/// <summary>
/// "Show info from Threat Lookup": answers from the cache when it holds fresh data for every group asked, otherwise
/// checks the quota (refusing at once when nothing is left) and queues a Threat Lookup task for the missing groups.
/// </summary>
public sealed class LookupService(
    ObservableCache cache,
    ObservableCacheReader reader,
    QuotaService quota,
    LicenceGovernance governance,
    ThreatLookupSettingsService settings,
    TaskQueue queue,
    TenantSelection selection,
    TenantAccess access,
    CurrentUser user,
    CacheMetrics metrics,
    TimeProvider time)
{
    /// <summary>The observable's data groups, what the cache lacks, and the quota: what the enrichment window shows.</summary>
    public async Task<LookupCost> CostAsync(Observable observable, IReadOnlyList<string>? sections, CancellationToken ct) =>
        (await CostsAsync([observable], sections, ct))[0];

    /// <summary>The same for several observables (the bulk form), reading the settings and the quota once.</summary>
    public async Task<IReadOnlyList<LookupCost>> CostsAsync(IReadOnlyList<Observable> observables, IReadOnlyList<string>? sections, CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        var left = await quota.GetAsync(Terms(current), ct);
        var costs = new List<LookupCost>(observables.Count);
        foreach (var observable in observables)
        {
            var wanted = sections is { Count: > 0 } ? sections : TipDataGroups.DefaultKeys(observable.Category);
            var entry = await reader.FindAsync(observable.Key, ct);
            costs.Add(new LookupCost(observable, TipDataGroups.For(observable.Category), cache.Missing(entry, wanted.ToList(), Freshness(current)), left));
        }

        return costs;
    }

    public async Task<Result<LookupResult>> RequestAsync(LookupRequest request, CancellationToken ct)
    {
        var observable = request.Observable;
        if (observable.IsPrivateOrReserved)
        {
            return new Error(
                "observable_reserved",
                $"{observable.Display}: {observable.ReservedReason!.Description} No request is spent.")
            { Field = "value" };
        }

        var category = observable.Category;
        var sections = TipDataGroups.Validate(category, request.Sections is { Count: > 0 } ? request.Sections : TipDataGroups.DefaultKeys(category));
        if (!sections.Succeeded)
        {
            return sections.Error!;
        }

        var current = await settings.GetAsync(ct);
        var freshness = Freshness(current);
        var entry = await reader.FindAsync(observable.Key, ct);
        var missing = request.Refresh ? sections.Value! : cache.Missing(entry, sections.Value!, freshness);
        metrics.LookupAnswered(fromCache: missing.Count == 0 && entry is not null);
        if (missing.Count == 0 && entry is not null)
        {
            await cache.MarkUsedAsync(entry, ct);
            return new LookupResult.Cached(ObservableDetails.From(observable, entry, freshness, time.GetUtcNow(), new Uri(current.PortalUrl)));
        }

        if (ThreatLookupGate.Check(current) is { } closed)
        {
            return closed;
        }

        var tenant = await ResolveTenantAsync(request.TenantId, ct);
        if (!tenant.Succeeded)
        {
            return tenant.Error!;
        }

        // Refused before anything is queued when a limit has nothing left. A joined task would cost nothing, but a
        // refusal that depends on whether someone else happens to be asking the same thing would puzzle more than help.
        var available = await governance.CheckAsync(Terms(current), tenant.Value, user.Id, ct);
        if (!available.Succeeded)
        {
            return available.Error!;
        }

        var parameters = new ThreatLookupTaskParameters(observable.Key, missing, request.Refresh);
        var queued = await queue.EnqueueAsync(
            new NewTask(ThreatLookupTaskParameters.Kind, tenant.Value, $"Threat Lookup: {observable.TipType} {observable.Display}", parameters.ToJson(), parameters.DeduplicationKey),
            ct);
        return queued.Succeeded ? new LookupResult.Queued(queued.Value.Task, queued.Value.Joined, missing) : queued.Error!;
    }

    /// <summary>The requests left in the licence period.</summary>
    public async Task<QuotaStatus> QuotaAsync(CancellationToken ct) => await quota.GetAsync(Terms(await settings.GetAsync(ct)), ct);

    public static CacheFreshness Freshness(ThreatLookupSettings s) => new(s.CacheFreshness, s.NotFoundFreshness);

    public static LicenceTerms Terms(ThreatLookupSettings s) => new(s.LicenceQuota, s.LicencePeriodEnd);

    private async Task<Result<Guid>> ResolveTenantAsync(Guid? requested, CancellationToken ct)
    {
        if (requested is { } id)
        {
            return access.Allows(id) ? id : Error.NotFound("Tenant");
        }

        var selected = await selection.GetAsync(ct);
        return selected.Count == 1
            ? selected[0]
            : Error.Invalid("tenantId", "Say for which tenant the lookup is (tenantId): you work with several tenants.");
    }
}
