using System.Collections.Concurrent;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// The reader's time zone, for the times in the panel: the browser's IANA zone, which site.js keeps in a cookie
/// (<c>Intl.DateTimeFormat().resolvedOptions().timeZone</c>), when the system knows it; UTC otherwise. Users have no
/// time zone in their profile, so the browser's is the one they live in.
/// </summary>
public static class UserTimeZone
{
    public const string CookieName = "kumatip.tz";

    /// <summary>There are about 600 IANA names; more would be made up.</summary>
    private const int MaxRemembered = 1_000;

    // Found once, then a dictionary read: the panel's only per-request work besides the cookie.
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Remembered = new(StringComparer.Ordinal);

    public static TimeZoneInfo Of(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var id) || string.IsNullOrEmpty(id))
        {
            return TimeZoneInfo.Utc;
        }

        if (Remembered.TryGetValue(id, out var zone))
        {
            return zone;
        }

        // IANA names only (Europe/Moscow, America/Argentina/Buenos_Aires, Etc/GMT+3): never a path to a file.
        if (id.Length > 64 || id.Contains("..", StringComparison.Ordinal) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+')
            || !TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone))
        {
            return TimeZoneInfo.Utc;
        }

        if (Remembered.Count < MaxRemembered)
        {
            Remembered.TryAdd(id, zone);
        }

        return zone;
    }
}
