using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Web.Hosting;
using KumaTip.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KumaTip.Web.Api;

/// <summary>/api/v1/settings/threat-lookup: administrators read, General administrators change, with the page's input record.</summary>
public static class ThreatLookupSettingsEndpoints
{
    public static RouteGroupBuilder MapThreatLookupSettingsEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/threat-lookup").WithTags("Settings");

        settings.MapGet("/", async (ThreatLookupSettingsService service, CancellationToken ct) => TypedResults.Ok(await service.GetViewAsync(ct)))
            .RequireAuthorization(IdentitySetup.AdministratorsPolicy);

        settings.MapPut("/", async (ThreatLookupSettingsInput input, ThreatLookupSettingsService service, CancellationToken ct) =>
                (await service.UpdateAsync(input, ct)).ToOk())
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace the settings: a missing URL or number takes its default; extraCaPem null keeps the stored CA, removeExtraCa removes it. Optional version: refused when stale.");

        settings.MapPost("/test", async Task<Results<Ok<TipConnectionTestResult>, ProblemHttpResult>> (
                ConnectionTest test, ServiceErrorTranslator errors, HttpResponse response, CancellationToken ct) =>
            {
                var result = await test.RunAsync(ct);
                return result.Succeeded ? TypedResults.Ok(result.Value!) : LookupEndpoints.Refused(result.Error!, errors, response);
            })
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Test connection: sends ONE request to TIP (it counts against the licence) and reports the outcome, certificates, proxy and LicenseInfo.");
        return api;
    }
}
