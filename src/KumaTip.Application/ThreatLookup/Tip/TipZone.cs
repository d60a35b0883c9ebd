namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// The verdict colour TIP gives an object. <see cref="Unknown"/> stands for an answer without a zone
/// (or with a value TIP has not documented).
/// </summary>
public enum TipZone
{
    Unknown,
    Red,
    Orange,
    Yellow,
    Grey,
    Green,
}

/// <summary>How serious a zone is; ordered, so a higher value is more serious.</summary>
public enum TipZoneLevel
{
    Unknown,
    Clean,
    Info,
    Low,
    Medium,
    High,
}
