namespace KumaTip.TipSimulator.Data;

/// <summary>
/// Dates in generated data lie on a fixed timeline, not relative to today, so an answer is the same tomorrow
/// (tests and cached demo data do not drift).
/// </summary>
internal static class SampleTimeline
{
    public static readonly DateTime Latest = new(2025, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateTime Earliest = Latest.AddYears(-6);
}
