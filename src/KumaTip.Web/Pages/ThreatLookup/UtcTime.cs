using System.Globalization;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>Times on the Threat Lookup pages and in the task manager: UTC, like the events table.</summary>
public static class UtcTime
{
    public static string Format(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>Machine-readable, for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";
}
