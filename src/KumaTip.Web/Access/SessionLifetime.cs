using System.Globalization;
using KumaTip.Application.Identity.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Access;

/// <summary>
/// A sign-in session's absolute lifetime (<c>SignIn:SessionLifetime</c>), besides the sliding one: the time of sign-in
/// travels in the cookie's properties, which sliding renewals and security stamp refreshes carry over, and a session
/// older than the lifetime is refused however active it has been.
/// </summary>
public static class SessionLifetime
{
    private const string StartedKey = "kumatip.session_started";

    public static Task StampStart(CookieSigningInContext context)
    {
        // A refresh signs in again with the properties it had: the session keeps its first start.
        context.Properties.Items.TryAdd(StartedKey, Now(context.HttpContext).ToString("O", CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    /// <summary>True for a session older than its lifetime, and for a cookie made before sessions had one.</summary>
    public static bool IsOver(CookieValidatePrincipalContext context)
    {
        var lifetime = context.HttpContext.RequestServices.GetRequiredService<IOptions<SignInSettings>>().Value.SessionLifetime;
        return !context.Properties.Items.TryGetValue(StartedKey, out var started)
            || !DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)
            || Now(context.HttpContext) - at > lifetime;
    }

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
