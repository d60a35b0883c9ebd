using System.Security.Claims;
using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Access;

/// <summary>
/// Turns the authenticated principal into the request's <see cref="CurrentUser"/> and <see cref="TenantAccess"/>.
/// The account's standing comes from <see cref="UserStandings"/>, whose copy any saved change to users or tenants
/// outdates, so a change by an administrator applies from the next request. A sign-in cookie whose security stamp is
/// no longer the account's (signed out, password reset, disabled) is refused here on every request, so a copied cookie
/// dies with the session even while its decrypted ticket is still remembered (<see cref="RememberedCookieTickets"/>).
/// </summary>
public sealed class CurrentUserMiddleware(CurrentUser current, TenantAccess access, UserStandings standings, IOptions<IdentityOptions> identity)
    : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var account = await standings.GetAsync(userId, context.RequestAborted);
            if (account is null || account.IsDisabled || IsRevokedSession(context.User, account))
            {
                // A disabled or deleted account, or a revoked session, keeps no session.
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
            else
            {
                var roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
                current.Set(userId, context.User.Identity.Name ?? "?", roles);
                if (current.IsGeneralAdministrator)
                {
                    access.GrantAll();
                }
                else
                {
                    access.Grant(account.TenantIds);
                }
            }
        }

        await next(context);
    }

    /// <summary>Bearer tokens carry no stamp: they are revoked on their own.</summary>
    private bool IsRevokedSession(ClaimsPrincipal principal, UserStanding account) =>
        principal.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme
        && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) != account.SecurityStamp;
}
