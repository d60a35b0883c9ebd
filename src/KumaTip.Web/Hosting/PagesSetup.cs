using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using KumaTip.Web.Access;
using KumaTip.Web.Pages.ThreatLookup;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using KumaTip.Web.Uploads;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.WebEncoders;
using Serilog;

namespace KumaTip.Web.Hosting;

public static class PagesSetup
{
    /// <summary>
    /// Read-only instances: the localization middleware hands each request a read-only copy of the culture it picks,
    /// and of a writable culture that copy is new every time, rebuilding its number formats through ICU (measured: a
    /// quarter of the CPU of a request that is answered from memory). A read-only culture is handed over as it is.
    /// </summary>
    public static readonly CultureInfo[] SupportedCultures = [CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("ru")];

    public static IServiceCollection AddKumaTipLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            // The switch in the header writes the culture cookie; without it the browser's language decides.
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    public static IServiceCollection AddKumaTipPages(this IServiceCollection services)
    {
        services.AddRazorPages(o =>
            {
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AuthorizeFolder("/Resources", IdentitySetup.AdministratorsPolicy);
                o.Conventions.AuthorizeFolder("/Settings", IdentitySetup.AdministratorsPolicy);
                o.Conventions.AuthorizeFolder("/Admin/Audit", IdentitySetup.AdministratorsPolicy);
                o.Conventions.AuthorizeFolder("/Admin/Users", IdentitySetup.GeneralAdministratorPolicy);
                o.Conventions.AuthorizeFolder("/Admin/Tenants", IdentitySetup.GeneralAdministratorPolicy);
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<Localization.TranslateServiceErrorsFilter>();
                o.Filters.Add<Pages.CheckBoxRedisplayFilter>();
            })
            .AddViewLocalization();
        services.AddSingleton<Localization.ServiceErrorTranslator>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "kumatip.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // its default is never Secure
        });
        services.AddSingleton<PanelHtml>();
        services.AddScoped<PanelAlone>();
        // Cyrillic (and any other script) is written as text, not as &#x...; entities; markup is still encoded.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    public static WebApplication UseKumaTipPipeline(this WebApplication app)
    {
        // First, so that the request log and everything after it see the client's address and scheme.
        app.UseKumaTipForwardedHeaders();
        // Outside the exception handler, so that the request log sees the status the client got: a request that threw
        // BadHttpRequestException was the client's mistake, answered 400 and logged at Information, not as a 500.
        // With this app's own logger: the static Log.Logger belongs to whichever host was built last in the process.
        app.UseSerilogRequestLogging(o => o.Logger = app.Services.GetRequiredService<Serilog.ILogger>());
        app.UseExceptionHandler("/Error");
        app.UseKumaTipHttps();
        app.UseStatusCodePages(async ctx =>
        {
            if (ctx.HttpContext.Request.Path.StartsWithSegments("/api") && !ctx.HttpContext.Response.HasStarted)
            {
                await Api.ApiProblems.WriteAsync(ctx.HttpContext, ctx.HttpContext.Response.StatusCode);
            }
        });
        app.UseMiddleware<SecurityHeadersMiddleware>();
        // The API serves no files: without this, a request whose path ends like a file name (an observable URL
        // ending in ".exe") would cost a file-system lookup first (measured: 5 % of a cached lookup's CPU).
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), files => files.UseStaticFiles());
        app.UseRequestLocalization();
        // The API's documentation is public (it holds no data); everything it documents needs a token.
        app.UseSwagger();
        app.UseSwaggerUI(o => o.SwaggerEndpoint("/swagger/v1/swagger.json", "KumaTip API v1"));
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseAuthorization();
        app.UseUploadLimit();
        app.UseNulCharacterGuard();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapKumaTipPages(this WebApplication app)
    {
        app.MapRazorPages();
        app.MapThreatLookupPanel();
        app.MapPost("/culture", (HttpContext http, [FromForm] string? culture, [FromForm] string? returnUrl) =>
        {
            var chosen = SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "en";
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().DisableAntiforgery(); // switching the language on someone's behalf harms nobody
        return app;
    }

    /// <summary>As strict as <c>LocalRedirect</c>, which throws (a 500) on a URL it does not take for local, e.g. one with a control character.</summary>
    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl);
}
