using KumaTip.Application.Resources;
using KumaTip.Web.Hosting;

namespace KumaTip.Web.Api;

/// <summary>What /api/v1/secrets and /api/v1/proxies share: administrators list, read and delete over the same service as the pages.</summary>
public static class ResourceEndpoints
{
    /// <param name="noun">One of them in the descriptions: <c>secret</c>, <c>proxy server</c>.</param>
    public static RouteGroupBuilder MapSealedResources<TResource, TInput, TSummary>(this RouteGroupBuilder api, string path, string tag, string noun)
        where TResource : SealedResource, new()
        where TInput : IResourceInput
        where TSummary : IResourceSummary
    {
        var resources = api.MapGroup(path).RequireAuthorization(IdentitySetup.AdministratorsPolicy).WithTags(tag);

        resources.MapGet("/", async (Guid? tenantId, SealedResourceService<TResource, TInput, TSummary> service, CancellationToken ct) =>
                TypedResults.Ok((await service.ListAllAsync(ct)).Where(r => tenantId is null || r.TenantId == tenantId).ToList()))
            .WithSummary($"The {noun}s of every tenant you may see (optionally of one tenant).");

        resources.MapGet("/{id:guid}", async (Guid id, SealedResourceService<TResource, TInput, TSummary> service, CancellationToken ct) => (await service.GetAsync(id, ct)).ToOk());

        resources.MapDelete("/{id:guid}", async (Guid id, SealedResourceService<TResource, TInput, TSummary> service, CancellationToken ct) => (await service.DeleteAsync(id, ct)).ToNoContent())
            .WithSummary($"Delete a {noun}; refused while Settings → Kaspersky Threat Lookup uses it.");
        return resources;
    }
}
