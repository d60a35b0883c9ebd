using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using KumaTip.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KumaTip.Web.Api;

/// <param name="ExpiresInDays">How long the token lives: 1 to 365 days, 90 when not given.</param>
public sealed record CreateTokenRequest(string? UserName, string? Password, string? Name, int? ExpiresInDays);

/// <param name="RetentionDays">Events older than this many days are removed (and refused at ingestion).</param>
public sealed record TenantDto(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, int RetentionDays)
{
    public static TenantDto From(Tenant tenant) => new(tenant.Id, tenant.Name, tenant.Description, tenant.CreatedAt, tenant.RetentionDays);
}

public sealed record TenantReference(Guid Id, string Name);

/// <summary>Who the caller is, the tenants he may see and those selected in the header.</summary>
public sealed record MeDto(Guid? Id, string UserName, IReadOnlyList<string> Roles, IReadOnlyList<TenantReference> Tenants, IReadOnlyList<Guid> SelectedTenantIds);

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
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Create a personal access token with user name and password; the token is returned only once. "
                         + "Attempts are rate-limited per client address and per user name (429 with Retry-After).");

        api.MapGet("/tokens", async (CurrentUser user, TokenService tokens, CancellationToken ct) =>
            TypedResults.Ok(await tokens.ListAsync(user.Id!.Value, ct)));

        api.MapDelete("/tokens/{id:guid}", async (Guid id, CurrentUser user, TokenService tokens, CancellationToken ct) =>
            (await tokens.RevokeAsync(user.Id!.Value, id, ct)).ToNoContent());

        api.MapGet("/me", async (CurrentUser user, TenantService tenants, TenantSelection selection, CancellationToken ct) =>
            TypedResults.Ok(new MeDto(
                user.Id,
                user.UserName,
                [.. user.Roles],
                [.. (await tenants.ListAsync(ct)).Select(t => new TenantReference(t.Id, t.Name))],
                await selection.GetAsync(ct))));

        api.MapGet("/tenants", async (TenantService tenants, CancellationToken ct) => TypedResults.Ok((await tenants.ListAsync(ct)).Select(TenantDto.From).ToList()));
        api.MapGet("/tenants/{id:guid}", GetTenantAsync);
        api.MapPost("/tenants", async (TenantInput input, TenantService tenants, CancellationToken ct) =>
                (await tenants.CreateAsync(input, ct)).ToCreated(t => $"/api/v1/tenants/{t.Id}", TenantDto.From))
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy);
        api.MapPut("/tenants/{id:guid}", async (Guid id, TenantInput input, TenantService tenants, CancellationToken ct) =>
                (await tenants.UpdateAsync(id, input, ct)).ToOk(TenantDto.From))
            .RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy);

        var users = api.MapGroup("/users").RequireAuthorization(IdentitySetup.GeneralAdministratorPolicy);
        users.MapGet("/", async (UserService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)));
        users.MapGet("/{id:guid}", GetUserAsync);
        users.MapPost("/", async (UserInput input, UserService service, CancellationToken ct) =>
            (await service.CreateAsync(input, ct)).ToCreated(u => $"/api/v1/users/{u.Id}", u => u));
        users.MapPut("/{id:guid}", async (Guid id, UserInput input, UserService service, CancellationToken ct) =>
            (await service.UpdateAsync(id, input, ct)).ToOk());
        users.MapPost("/{id:guid}/disabled", async (Guid id, SetDisabledRequest body, UserService service, CancellationToken ct) =>
            (await service.SetDisabledAsync(id, body.Disabled, ct)).ToNoContent());
        users.MapPost("/{id:guid}/password", async (Guid id, ResetPasswordRequest body, UserService service, CancellationToken ct) =>
            (await service.ResetPasswordAsync(id, body.Password, ct)).ToNoContent());
        return api;
    }

    private static async Task<Results<Ok<TenantDto>, ProblemHttpResult>> GetTenantAsync(Guid id, TenantService tenants, CancellationToken ct) =>
        await tenants.FindAsync(id, ct) is { } tenant ? TypedResults.Ok(TenantDto.From(tenant)) : Error.NotFound("Tenant").Problem();

    private static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> GetUserAsync(Guid id, UserService service, CancellationToken ct) =>
        await service.FindAsync(id, ct) is { } user ? TypedResults.Ok(user) : Error.NotFound("User").Problem();
}
