using System.Security.Claims;
using System.Text.Encodings.Web;
using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> with one kind of token; the policy scheme in
/// <see cref="Hosting.IdentitySetup"/> picks the handler by the token's <see cref="TokenKind"/> marker.
/// </summary>
public abstract class BearerTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>Who or what the presented token speaks for, or null when it opens nothing here.</summary>
    protected abstract Task<ClaimsIdentity?> IdentifyAsync(string presented);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        // The message is generic on purpose: it must not tell a revoked token from a made-up one.
        return await IdentifyAsync(header["Bearer ".Length..].Trim()) is { } identity
            ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name))
            : AuthenticateResult.Fail("The token is unknown, revoked or not accepted here.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Api.ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Api.ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden);
}

/// <summary>A personal access token (<c>ktp_…</c>) speaks for its user, with his roles.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenValidator tokens)
    : BearerTokenHandler(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";

    protected override async Task<ClaimsIdentity?> IdentifyAsync(string presented) =>
        await tokens.ValidateAsync(presented, Context.RequestAborted) is { } user
            ? new ClaimsIdentity(
                [new(ClaimTypes.NameIdentifier, user.Id.ToString()), new(ClaimTypes.Name, user.UserName), .. user.Roles.Select(r => new Claim(ClaimTypes.Role, r))],
                SchemeName)
            : null;
}

/// <summary>
/// A per-tenant ingestion token (<c>kte_…</c>) opens exactly one door, <c>POST /api/v1/events</c>, and carries its
/// tenant as a claim. It names no user, so <see cref="CurrentUserMiddleware"/> grants it nothing: the ingestion
/// endpoint grants its one tenant itself.
/// </summary>
public sealed class IngestionTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IngestionTokenService tokens)
    : BearerTokenHandler(options, logger, encoder)
{
    public const string SchemeName = "IngestionToken";

    public const string TenantClaim = "kumatip:ingestion_tenant";

    private const string IngestionPath = "/api/v1/events";

    protected override async Task<ClaimsIdentity?> IdentifyAsync(string presented) =>
        HttpMethods.IsPost(Request.Method) && Request.Path.Equals(IngestionPath, StringComparison.OrdinalIgnoreCase)
        && await tokens.ValidateAsync(presented, Context.RequestAborted) is { } tenantId
            ? new ClaimsIdentity([new Claim(TenantClaim, tenantId.ToString())], SchemeName)
            : null;
}
