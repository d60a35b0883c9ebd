namespace KumaTip.Web.Hosting;

/// <summary>The <c>Telemetry</c> section's exporters (docs/decisions/012-metrics-and-traces.md). Both are off by default.</summary>
public sealed class TelemetryExportOptions
{
    public PrometheusExportOptions Prometheus { get; set; } = new();

    public OtlpExportOptions Otlp { get; set; } = new();

    /// <summary>Why the options cannot start the application, or null when they can.</summary>
    public string? Problem() =>
        Prometheus.Enabled && (Prometheus.BearerToken?.Trim().Length ?? 0) < PrometheusExportOptions.MinTokenLength
            ? $"Telemetry:Prometheus:Enabled is true, but Telemetry:Prometheus:BearerToken is missing or shorter than {PrometheusExportOptions.MinTokenLength} characters. The scrape endpoint never opens without a token: set one (for example the output of `openssl rand -hex 32`) and give Prometheus the same one."
            : Prometheus.Enabled && !Prometheus.Path.StartsWith('/')
                ? $"Telemetry:Prometheus:Path must start with '/' (it is '{Prometheus.Path}')."
                : null;
}

public sealed class PrometheusExportOptions
{
    public const int MinTokenLength = 32;

    /// <summary>Serves the scrape endpoint at <see cref="Path"/>, to requests that carry <see cref="BearerToken"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>What Prometheus sends as <c>Authorization: Bearer …</c>; required when enabled.</summary>
    public string? BearerToken { get; set; }

    public string Path { get; set; } = "/metrics";
}

public sealed class OtlpExportOptions
{
    /// <summary>
    /// The OpenTelemetry collector that receives traces and metrics (OTLP over gRPC by default). When unset, the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other <c>OTEL_EXPORTER_OTLP_*</c> variables) is used if set.
    /// </summary>
    public Uri? Endpoint { get; set; }
}
