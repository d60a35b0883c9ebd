using System.Globalization;
using KumaTip.Web.Pages.ThreatLookup;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace KumaTip.Web.Localization;

/// <summary>
/// <c>&lt;local-time value="@task.CreatedAt" /&gt;</c>: a time as KUMA shows it, in the reader's culture and time zone
/// (Russian <c>25.02.2025 13:25</c>; the zone the browser reports, see <see cref="UserTimeZone"/>), written as
/// <c>&lt;time&gt;</c> with the UTC time machine-readable in <c>datetime</c> and readable in its tooltip. No time: "—".
/// </summary>
[HtmlTargetElement("local-time", Attributes = "value", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public DateTimeOffset? Value { get; set; }

    /// <summary>The culture's format: <c>g</c> (date and minutes, the default), <c>G</c> (with seconds) or <c>d</c> (date).</summary>
    public string Format { get; set; } = "g";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagMode = TagMode.StartTagAndEndTag;
        if (Value is not { } time)
        {
            output.TagName = null;
            output.Content.SetContent("—");
            return;
        }

        output.TagName = "time";
        output.Attributes.SetAttribute("datetime", UtcTime.Iso(time));
        output.Attributes.SetAttribute("title", UtcTime.Format(time));
        output.Content.SetContent(LocalTime.Format(ViewContext.HttpContext, time, Format));
    }
}

/// <summary>The text of <see cref="LocalTimeTagHelper"/>, for a time inside a sentence.</summary>
public static class LocalTime
{
    public static string Format(HttpContext http, DateTimeOffset time, string format = "g") => Format(UserTimeZone.Of(http), time, format);

    /// <summary>For markup rendered for a zone known beforehand (the kept panel, <see cref="PanelView"/>).</summary>
    public static string Format(TimeZoneInfo zone, DateTimeOffset time, string format = "g") =>
        TimeZoneInfo.ConvertTime(time, zone).ToString(format, CultureInfo.CurrentCulture);

    /// <summary>A filter's "from"/"to" as the reader typed it, on their clock; a time the clock skips (spring forward) is
    /// read with the zone's standard offset instead of being refused.</summary>
    public static DateTimeOffset? FromReaderClock(HttpContext http, DateTime? typed)
    {
        if (typed is not { } wallClock)
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        var offset = UserTimeZone.Of(http).GetUtcOffset(unspecified);
        // At the ends of the calendar (0001-01-01, 9999-12-31: a typed year, not a time anyone means) the offset would
        // leave DateTimeOffset's range; those are read as UTC.
        var utcTicks = unspecified.Ticks - offset.Ticks;
        return utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks
            ? new DateTimeOffset(unspecified, TimeSpan.Zero)
            : new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    /// <summary>The zone the filters are read in, shown beside them (e.g. Europe/Moscow, UTC).</summary>
    public static string ZoneName(HttpContext http) => UserTimeZone.Of(http).Id;
}
