using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Web.Hosting;

namespace KumaTip.Web.Api;

/// <param name="ExtraCaPem">New additional trusted CA certificate(s) in PEM; null keeps the stored ones.</param>
/// <param name="RemoveExtraCa">Removes the additional trusted CA certificates.</param>
/// <param name="Version">The version the change starts from; refused when stale.</param>
public sealed record ThreatLookupSettingsRequest(
    bool Disabled,
    Guid? SecretId,
    Guid? ProxyId,
    string? BaseUrl,
    string? PortalUrl,
    string? ExtraCaPem,
    bool RemoveExtraCa,
    int? LicenceQuota,
    DateOnly? LicencePeriodEnd,
    int? CacheFreshnessDays,
    int? NotFoundFreshnessHours,
    int? MaxParallelRequests,
    int? RequestTimeoutSeconds,
    int? Version)
{
    public ThreatLookupSettingsInput ToInput() => new(
        Disabled,
        SecretId,
        ProxyId,
        BaseUrl,
        PortalUrl,
        ExtraCaPem,
        RemoveExtraCa,
        LicenceQuota,
        LicencePeriodEnd,
        CacheFreshnessDays,
        NotFoundFreshnessHours,
        MaxParallelRequests,
        RequestTimeoutSeconds,
        Version);
}

/// <summary>/api/v1/settings/threat-lookup: administrators read, General administrators change.</summary>
public static class ThreatLookupSettingsEndpoints
{
    public static RouteGroupBuilder MapThreatLookupSettingsEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/settings/threat-lookup").WithTags("Settings");

        settings.MapGet("/", async (ThreatLookupSettingsService service, CancellationToken ct) => Results.Ok(await service.GetViewAsync(ct)))
            .RequireAuthorization(IdentitySetup.AdministratorsPolicy);

        settings.MapPut("/", async (ThreatLookupSettingsRequest body, ThreatLookupSettingsService service, CancellationToken ct) =>
                (await service.UpdateAsync(body.ToInput(), ct)).ToResult(Results.Ok))
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy)
            .WithSummary("Replace the settings: a missing URL or number takes its default; extraCaPem null keeps the stored CA, removeExtraCa removes it.");

        settings.MapPost("/test", async (ConnectionTest test, CancellationToken ct) => (await test.RunAsync(ct)).ToResult(Results.Ok))
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy)
            .WithSummary("Test connection: sends ONE request to TIP (it counts against the licence) and reports the outcome, certificates, proxy and LicenseInfo.");
        return api;
    }
}
