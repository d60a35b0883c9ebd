using KumaTip.Application.Proxies;

namespace KumaTip.Web.Api;

/// <summary>/api/v1/proxies: the same service and input record as Resources → Proxies; credentials are never returned.</summary>
public static class ProxyEndpoints
{
    public static RouteGroupBuilder MapProxyEndpoints(this RouteGroupBuilder api)
    {
        var proxies = api.MapSealedResources<ProxyServer, ProxyInput, ProxySummary>("/proxies", "Proxies", "proxy server");

        proxies.MapPost("/", async (ProxyInput input, ProxyService service, CancellationToken ct) =>
                (await service.CreateAsync(input, ct)).ToCreated(p => $"/api/v1/proxies/{p.Id}", p => p))
            .WithSummary("Create a proxy server: url (http or https, host, port), optional userName and password, bypass list.");

        proxies.MapPut("/{id:guid}", async (Guid id, ProxyInput input, ProxyService service, CancellationToken ct) =>
                (await service.UpdateAsync(id, input, ct)).ToOk())
            .WithSummary("Replace a proxy server; an empty userName or password keeps the stored one, clearCredentials removes both. Optional version: refused when stale.");
        return api;
    }
}
