using System.Globalization;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>A time's UTC form: the tooltip and the <c>datetime</c> of every time shown on the reader's clock (<see cref="KumaTip.Web.Localization.LocalTimeTagHelper"/>).</summary>
public static class UtcTime
{
    public static string Format(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "—";

    /// <summary>Machine-readable, for <c>&lt;time datetime&gt;</c>.</summary>
    public static string Iso(DateTimeOffset? time) => time?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "";
}
