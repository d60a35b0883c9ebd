using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Tenancy;
using KumaTip.Web.Hosting;

namespace KumaTip.Web.Api;

public sealed record CreateIngestionTokenRequest(Guid TenantId, string? Name);

/// <summary>/api/v1/ingestion-tokens: what the Ingestion tokens page does, for administrators.</summary>
public static class IngestionTokenEndpoints
{
    public static RouteGroupBuilder MapIngestionTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/ingestion-tokens").RequireAuthorization(IdentitySetup.AdministratorsPolicy);

        tokens.MapGet("/", async (IngestionTokenService service, TenantSelection selection, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(await selection.GetAsync(ct), ct)));

        tokens.MapPost("/", async (CreateIngestionTokenRequest body, IngestionTokenService service, CancellationToken ct) =>
                (await service.CreateAsync(body.TenantId, body.Name, ct)).ToCreated(t => $"/api/v1/ingestion-tokens/{t.Id}", t => t))
            .WithSummary("Create an ingestion token for a tenant; the token is returned only once.");

        tokens.MapDelete("/{id:guid}", async (Guid id, IngestionTokenService service, CancellationToken ct) =>
            (await service.RevokeAsync(id, ct)).ToNoContent());
        return api;
    }
}
