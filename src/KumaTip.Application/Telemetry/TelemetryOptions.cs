using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.Telemetry;

/// <summary>The <c>Telemetry</c> section, as far as the application layer reads it (the exporters are the web host's).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// How long a gauge read from the database (licence, task queue, certificate) is reused: every collection in
    /// between, however many scrapes ask, is answered from memory.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan DatabaseGaugeInterval { get; set; } = TimeSpan.FromSeconds(30);
}
