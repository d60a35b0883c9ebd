using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using KumaTip.Web.Hosting;

namespace KumaTip.Web.Api;

/// <param name="ExpiresInDays">How long the token lives: 1 to 365 days, 90 when not given.</param>
public sealed record CreateTokenRequest(string? UserName, string? Password, string? Name, int? ExpiresInDays);

public sealed record TenantRequest(string? Name, string? Description);

public sealed record UserRequest(string? UserName, string? Email, string? Role, IReadOnlyList<Guid>? TenantIds, string? Password);

public sealed record SetDisabledRequest(bool Disabled);

public sealed record ResetPasswordRequest(string? Password);

/// <summary>/api/v1 tokens, me, tenants and users: thin wrappers over the same services the pages use.</summary>
public static class IdentityEndpoints
{
    public static RouteGroupBuilder MapIdentityEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/tokens", async (CreateTokenRequest body, HttpContext http, TokenService tokens, CancellationToken ct) =>
            {
                var created = await tokens.CreateWithPasswordAsync(
                    body.UserName, body.Password, http.Connection.RemoteIpAddress, body.Name, body.ExpiresInDays, ct);
                http.Response.SetRetryAfter(created.Error);
                return created.ToCreated(t => $"/api/v1/tokens/{t.Id}", t => t);
            })
            .AllowAnonymous()
            .WithSummary("Create a personal access token with user name and password; the token is returned only once. "
                         + "Attempts are rate-limited per client address and per user name (429 with Retry-After).");

        api.MapGet("/tokens", async (CurrentUser user, TokenService tokens, CancellationToken ct) =>
            TypedResults.Ok(await tokens.ListAsync(user.Id!.Value, ct)));

        api.MapDelete("/tokens/{id:guid}", async (Guid id, CurrentUser user, TokenService tokens, CancellationToken ct) =>
            (await tokens.RevokeAsync(user.Id!.Value, id, ct)).ToNoContent());

        api.MapGet("/me", async (CurrentUser user, TenantService tenants, TenantSelection selection, CancellationToken ct) =>
            Results.Ok(new
            {
                user.Id,
                user.UserName,
                Roles = user.Roles.ToList(),
                Tenants = (await tenants.ListAsync(ct)).Select(t => new { t.Id, t.Name }),
                SelectedTenantIds = await selection.GetAsync(ct),
            }));

        api.MapGet("/tenants", async (TenantService tenants, CancellationToken ct) =>
            Results.Ok((await tenants.ListAsync(ct)).Select(t => new { t.Id, t.Name, t.Description, t.CreatedAt })));

        api.MapGet("/tenants/{id:guid}", async (Guid id, TenantService tenants, CancellationToken ct) =>
            await tenants.FindAsync(id, ct) is { } t
                ? Results.Ok(new { t.Id, t.Name, t.Description, t.CreatedAt })
                : ApiProblems.From(KumaTip.Application.Common.Error.NotFound("Tenant")));

        api.MapPost("/tenants", async (TenantRequest body, TenantService tenants, CancellationToken ct) =>
                (await tenants.CreateAsync(new TenantInput(body.Name, body.Description), ct))
                .ToResult(t => Results.Created($"/api/v1/tenants/{t.Id}", new { t.Id, t.Name, t.Description, t.CreatedAt })))
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy);

        api.MapPut("/tenants/{id:guid}", async (Guid id, TenantRequest body, TenantService tenants, CancellationToken ct) =>
                (await tenants.UpdateAsync(id, new TenantInput(body.Name, body.Description), ct))
                .ToResult(t => Results.Ok(new { t.Id, t.Name, t.Description, t.CreatedAt })))
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy);

        var users = api.MapGroup("/users").RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy);
        users.MapGet("/", async (UserService service, CancellationToken ct) => Results.Ok(await service.ListAsync(ct)));
        users.MapGet("/{id:guid}", async (Guid id, UserService service, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } u ? Results.Ok(u) : ApiProblems.From(KumaTip.Application.Common.Error.NotFound("User")));
        users.MapPost("/", async (UserRequest body, UserService service, CancellationToken ct) =>
            (await service.CreateAsync(new UserInput(body.UserName, body.Email, body.Role, body.TenantIds), body.Password, ct))
            .ToResult(u => Results.Created($"/api/v1/users/{u.Id}", u)));
        users.MapPut("/{id:guid}", async (Guid id, UserRequest body, UserService service, CancellationToken ct) =>
            (await service.UpdateAsync(id, new UserInput(body.UserName, body.Email, body.Role, body.TenantIds), ct))
            .ToResult(Results.Ok));
        users.MapPost("/{id:guid}/disabled", async (Guid id, SetDisabledRequest body, UserService service, CancellationToken ct) =>
            (await service.SetDisabledAsync(id, body.Disabled, ct)).ToResult());
        users.MapPost("/{id:guid}/password", async (Guid id, ResetPasswordRequest body, UserService service, CancellationToken ct) =>
            (await service.ResetPasswordAsync(id, body.Password, ct)).ToResult());
        return api;
    }
}
