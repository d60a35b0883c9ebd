using System.Globalization;

namespace KumaTip.Application.ThreatLookup.Client;

internal static class TipDurations
{
    /// <summary><c>30 s</c>, <c>1.5 s</c>, <c>0.3 s</c>: how durations read in messages.</summary>
    public static string Seconds(TimeSpan duration) =>
        duration.TotalSeconds.ToString(duration.TotalSeconds >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture) + " s";
}
