using KumaTip.Application.Identity;
using KumaTip.Application.Identity.SignIn;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets.DataProtectionKeys;
using KumaTip.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Hosting;

public static class IdentitySetup
{
    private static readonly TimeSpan SecurityStampInterval = TimeSpan.FromMinutes(1);

    public const string AdministratorsPolicy = "Administrators";
    public const string GeneralAdministratorPolicy = "GeneralAdministrator";

    /// <summary>The scheme that picks the bearer handler for <c>Authorization: Bearer</c> requests and the cookie otherwise.</summary>
    private const string CookieOrBearer = "CookieOrBearer";

    public static IServiceCollection AddKumaTipIdentity(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, AppRole>(o =>
            {
                // Failed sign-ins lock a user name for one address only (SignInGuard), never the whole account.
                o.Lockout.AllowedForNewUsers = false;
                o.Password.RequiredLength = 10;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();

        // The key ring lives in the database, so several instances share cookies and antiforgery tokens; its keys are
        // sealed with the master key, so a copy of the database alone cannot forge a sign-in cookie.
        services.AddDataProtection()
            .SetApplicationName("KumaTip")
            .PersistKeysToDbContext<AppDbContext>()
            .ProtectKeysWithMasterKey();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "kumatip.auth";
            o.Cookie.HttpOnly = true;
            // Strict keeps every cross-site request (and so CSRF against the JSON API) cookie-less.
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
            o.Events.OnSigningIn = SessionLifetime.StampStart;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                if (SessionLifetime.IsOver(ctx))
                {
                    ctx.RejectPrincipal();
                    await ctx.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await ValidateSecurityStampWhenDueAsync(ctx);
            };
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SignInSettings>>((o, settings) => o.ExpireTimeSpan = settings.Value.SessionIdleTimeout);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SecurityStampInterval);
        // After AddIdentity, so it runs after the cookie handler's own post-configuration has made the ticket format.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, RememberedCookieTickets.Setup>();

        services.AddAuthentication(o =>
            {
                // AddIdentity made the cookie the default for authenticate and challenge; the policy scheme replaces it.
                o.DefaultScheme = CookieOrBearer;
                o.DefaultAuthenticateScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
                o.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString() switch
                {
                    var h when h.StartsWith("Bearer " + TokenKind.Ingestion.Marker, StringComparison.OrdinalIgnoreCase) => IngestionTokenHandler.SchemeName,
                    var h when h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) => PersonalAccessTokenHandler.SchemeName,
                    _ => IdentityConstants.ApplicationScheme,
                })
            .AddScheme<AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, IngestionTokenHandler>(IngestionTokenHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdministratorsPolicy, p => p.RequireRole(Roles.GeneralAdministrator, Roles.TenantAdministrator))
            .AddPolicy(GeneralAdministratorPolicy, p => p.RequireRole(Roles.GeneralAdministrator));

        services.AddScoped<CurrentUserMiddleware>();
        return services;
    }

    /// <summary>
    /// Identity's validator builds SignInManager, UserManager and a DbContext on every request only to find the
    /// check is not due; the same test of the cookie's issue time first makes a page request cheaper by a tenth.
    /// (A disabled account is refused on every request anyway, by CurrentUserMiddleware.)
    /// </summary>
    private static Task ValidateSecurityStampWhenDueAsync(CookieValidatePrincipalContext context)
    {
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return context.Properties.IssuedUtc is { } issued && now - issued <= SecurityStampInterval
            ? Task.CompletedTask
            : SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            return Api.ApiProblems.WriteAsync(ctx.HttpContext, status);
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
