namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>Reading zones from answers and the presentation facts of a zone (its level and colour name).</summary>
public static class TipZones
{
    /// <summary>
    /// Reads a zone as TIP writes it, without regard to case or surrounding spaces; <c>Gray</c> is taken as
    /// <see cref="TipZone.Grey"/>. Anything else (including null) is <see cref="TipZone.Unknown"/>.
    /// </summary>
    public static TipZone Parse(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "RED" => TipZone.Red,
        "ORANGE" => TipZone.Orange,
        "YELLOW" => TipZone.Yellow,
        "GREY" or "GRAY" => TipZone.Grey,
        "GREEN" => TipZone.Green,
        _ => TipZone.Unknown,
    };

    /// <summary>Red is high, Orange medium, Yellow low, Grey info, Green clean.</summary>
    public static TipZoneLevel Level(this TipZone zone) => zone switch
    {
        TipZone.Red => TipZoneLevel.High,
        TipZone.Orange => TipZoneLevel.Medium,
        TipZone.Yellow => TipZoneLevel.Low,
        TipZone.Grey => TipZoneLevel.Info,
        TipZone.Green => TipZoneLevel.Clean,
        _ => TipZoneLevel.Unknown,
    };

    /// <summary>A lower-case colour name for CSS classes and badges: <c>red</c> … <c>green</c>, <c>none</c> when unknown.</summary>
    public static string ColourName(this TipZone zone) => zone switch
    {
        TipZone.Red => "red",
        TipZone.Orange => "orange",
        TipZone.Yellow => "yellow",
        TipZone.Grey => "grey",
        TipZone.Green => "green",
        _ => "none",
    };
}
