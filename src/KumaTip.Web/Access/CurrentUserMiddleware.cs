using System.Security.Claims;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Web.Access;

/// <summary>
/// Turns the authenticated principal into the request's <see cref="CurrentUser"/> and <see cref="TenantAccess"/>.
/// Tenants are read from the database on every request, so a change by an administrator applies at once.
/// </summary>
public sealed class CurrentUserMiddleware(CurrentUser current, TenantAccess access, AppDbContext db) : IMiddleware
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.Identity?.IsAuthenticated == true
            && Guid.TryParse(context.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.IsDisabled, TenantIds = u.Tenants.Select(t => t.TenantId).ToList() })
                .FirstOrDefaultAsync(context.RequestAborted);
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
