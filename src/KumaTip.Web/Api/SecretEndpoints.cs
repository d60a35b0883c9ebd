using KumaTip.Application.Secrets;
using KumaTip.Web.Uploads;
using Microsoft.AspNetCore.Mvc;

namespace KumaTip.Web.Api;

/// <summary>
/// /api/v1/secrets: the same service as Resources → Secrets. Create and replace are multipart/form-data with the
/// PFX file as part <c>pfx</c>, bound to the record the page binds; answers never contain a credential, only whether it is set.
/// </summary>
public static class SecretEndpoints
{
    public static RouteGroupBuilder MapSecretEndpoints(this RouteGroupBuilder api)
    {
        var secrets = api.MapSealedResources<Secret, SecretInput, SecretSummary>("/secrets", "Secrets", "secret");

        secrets.MapPost("/", async ([FromForm] SecretInput input, SecretService service, CancellationToken ct) =>
                (await service.CreateAsync(input, ct)).ToCreated(s => $"/api/v1/secrets/{s.Id}", s => s))
            .TakesUpload()
            .WithSummary("Create a kti secret. multipart/form-data: name, tenantId, type (kti), userName, password, pfx (file), pfxPassword, description.");

        secrets.MapPut("/{id:guid}", async (Guid id, [FromForm] SecretInput input, SecretService service, CancellationToken ct) =>
                (await service.UpdateAsync(id, input, ct)).ToOk())
            .TakesUpload()
            .WithSummary("Replace a secret. Same fields as create; an empty userName, password or pfxPassword and no pfx keep the stored value. A new pfx needs its pfxPassword. Optional version: refused when stale.");
        return api;
    }

    /// <summary>
    /// Reads the form within the upload limit. Any content type is routed here rather than refused with 415 before
    /// authorization: a caller without the role gets 403, one who sends no form 400 <c>form_expected</c>.
    /// </summary>
    private static RouteHandlerBuilder TakesUpload(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new UploadLimitAttribute()).Accepts<SecretInput>("multipart/form-data", "*/*");
}
