using KumaTip.Application.Common;
using KumaTip.Application.Proxies;
using KumaTip.Web.Hosting;

namespace KumaTip.Web.Api;

/// <param name="UserName">Empty keeps the stored user on a change.</param>
/// <param name="Password">Empty keeps the stored password on a change.</param>
/// <param name="ClearCredentials">Removes the stored user and password.</param>
/// <param name="Version">The version the change starts from; refused when stale.</param>
public sealed record ProxyRequest(
    string? Name,
    Guid? TenantId,
    string? Url,
    string? UserName,
    string? Password,
    IReadOnlyList<string>? Bypass,
    string? Description,
    bool ClearCredentials = false,
    int? Version = null)
{
    public ProxyInput ToInput() => new(Name, TenantId, Url, UserName, Password, Bypass, Description, ClearCredentials, Version);

    public override string ToString() => $"ProxyRequest {{ Name = {Name}, Url = {Url} }}";
}

/// <summary>/api/v1/proxies: the same service as Resources → Proxies; credentials are never returned.</summary>
public static class ProxyEndpoints
{
    public static RouteGroupBuilder MapProxyEndpoints(this RouteGroupBuilder api)
    {
        var proxies = api.MapGroup("/proxies").RequireAuthorization(IdentitySetup.AdministratorsPolicy).WithTags("Proxies");

        proxies.MapGet("/", async (Guid? tenantId, ProxyService service, CancellationToken ct) =>
                Results.Ok((await service.ListAllAsync(ct)).Where(p => tenantId is null || p.TenantId == tenantId)))
            .WithSummary("The proxy servers of every tenant you may see (optionally of one tenant).");

        proxies.MapGet("/{id:guid}", async (Guid id, ProxyService service, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } proxy ? Results.Ok(proxy) : ApiProblems.From(Error.NotFound("Proxy server")));

        proxies.MapPost("/", async (ProxyRequest body, ProxyService service, CancellationToken ct) =>
                (await service.CreateAsync(body.ToInput(), ct)).ToResult(p => Results.Created($"/api/v1/proxies/{p.Id}", p)))
            .WithSummary("Create a proxy server: url (http or https, host, port), optional userName and password, bypass list.");

        proxies.MapPut("/{id:guid}", async (Guid id, ProxyRequest body, ProxyService service, CancellationToken ct) =>
                (await service.UpdateAsync(id, body.ToInput(), ct)).ToResult(Results.Ok))
            .WithSummary("Replace a proxy server; an empty userName or password keeps the stored one, clearCredentials removes both.");

        proxies.MapDelete("/{id:guid}", async (Guid id, ProxyService service, CancellationToken ct) =>
                (await service.DeleteAsync(id, ct)).ToResult())
            .WithSummary("Delete a proxy server; refused while Settings → Kaspersky Threat Lookup uses it.");
        return api;
    }
}
