using System.Security.Claims;
using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace KumaTip.Web.Access;

/// <summary>
/// Turns the authenticated principal into the request's <see cref="CurrentUser"/> and <see cref="TenantAccess"/>.
/// The account's standing comes from <see cref="UserStandings"/>, whose copy any saved change to users or tenants
/// outdates, so a change by an administrator applies from the next request.
/// </summary>
public sealed class CurrentUserMiddleware(CurrentUser current, TenantAccess access, UserStandings standings) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var account = await standings.GetAsync(userId, context.RequestAborted);
            if (account is null || account.IsDisabled)
            {
                // A disabled or deleted account keeps no session.
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
}
