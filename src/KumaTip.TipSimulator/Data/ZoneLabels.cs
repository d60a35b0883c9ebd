namespace KumaTip.TipSimulator.Data;

internal static class ZoneLabels
{
    /// <summary>FileGeneralInfo.FileStatus: the portal's wording for a file's zone.</summary>
    public static string FileStatus(Zone zone) => zone switch
    {
        Zone.Red => "Malware",
        Zone.Orange => "Not trusted",
        Zone.Yellow => "Adware and other",
        Zone.Grey => "Not categorized",
        _ => "No threats detected",
    };

    /// <summary>IpGeneralInfo.ThreatScore: 75+ dangerous, 50-74 suspicious.</summary>
    public static int ThreatScore(Zone zone, Random random) => zone switch
    {
        Zone.Red => random.Next(75, 101),
        Zone.Orange => random.Next(50, 75),
        Zone.Yellow => random.Next(25, 50),
        Zone.Grey => random.Next(5, 25),
        _ => 0,
    };
}
