using System.Security.Claims;
using System.Text.Encodings.Web;
using KumaTip.Application.Events.Ingestion;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Access;

/// <summary>
/// Authenticates <c>Authorization: Bearer kte_…</c> with a per-tenant ingestion token. Such a token opens exactly one
/// door, <c>POST /api/v1/events</c>, and carries its tenant as a claim; anywhere else it is refused. It names no user,
/// so <see cref="CurrentUserMiddleware"/> grants it nothing: the ingestion endpoint grants its one tenant itself.
/// </summary>
public sealed class IngestionTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IngestionTokenService tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "IngestionToken";

    public const string TenantClaim = "kumatip:ingestion_tenant";

    public const string IngestionPath = "/api/v1/events";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!HttpMethods.IsPost(Request.Method) || !Request.Path.Equals(IngestionPath, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("An ingestion token is accepted only by POST /api/v1/events.");
        }

        var tenantId = await tokens.ValidateAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (tenantId is null)
        {
            // Generic on purpose: a revoked token and a made-up one look the same.
            return AuthenticateResult.Fail("The token is unknown or revoked.");
        }

        var identity = new ClaimsIdentity([new Claim(TenantClaim, tenantId.Value.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Api.ApiProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Api.ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden);
}
