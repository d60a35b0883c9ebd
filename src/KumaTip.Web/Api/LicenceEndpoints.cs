using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Web.Hosting;
using KumaTip.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KumaTip.Web.Api;

/// <summary>Licence governance: the usage (everyone, for his tenants) and the allocation (administrators read, General administrators change).</summary>
public static class LicenceEndpoints
{
    public static RouteGroupBuilder MapLicenceEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/lookups/usage", async Task<Results<Ok<LicenceUsage>, ProblemHttpResult>> (
                DateOnly? from, DateOnly? to, Guid? tenantId, LicenceUsageQueries usage, ServiceErrorTranslator errors, CancellationToken ct) =>
            {
                var report = await usage.GetAsync(new LicenceUsageFilter(from, to, tenantId), ct);
                return report.Succeeded ? TypedResults.Ok(report.Value!) : report.Error!.TranslatedBy(errors).Problem();
            })
            .WithSummary("Per tenant, user and UTC day (from/to, by default the last 30 days): requests spent and what is left of each share, the pool, the licence and the daily budget. Your tenants only.");

        var allocation = api.MapGroup("/settings/licence-allocation").WithTags("Settings");
        allocation.MapGet("/", async (LicenceAllocationService service, CancellationToken ct) => TypedResults.Ok(await service.GetViewAsync(ct)))
            .RequireAuthorization(IdentitySetup.AdministratorsPolicy)
            .WithSummary("The per-user daily budget and each tenant's share (null: it draws on the pool). Tenant administrators see their tenants' lines.");

        allocation.MapPut("/", async Task<Results<Ok<LicenceAllocationView>, ProblemHttpResult>> (
                LicenceAllocationInput input, LicenceAllocationService service, ServiceErrorTranslator errors, CancellationToken ct) =>
            {
                var saved = await service.UpdateAsync(input, ct);
                return saved.Succeeded ? TypedResults.Ok(saved.Value!) : saved.Error!.TranslatedBy(errors).Problem();
            })
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace the allocation: userDailyBudget (null: unlimited) and shares; a tenant not listed, or listed with requests null, draws on the pool. The shares may not add up to more than the licence.");
        return api;
    }
}
