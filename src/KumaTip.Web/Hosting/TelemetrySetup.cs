using KumaTip.Application.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KumaTip.Web.Hosting;

/// <summary>
/// Metrics and traces with OpenTelemetry (docs/decisions/012-metrics-and-traces.md): a Prometheus scrape endpoint
/// when enabled, behind a bearer token; OTLP export of metrics and traces when a collector is configured. With
/// neither, no OpenTelemetry SDK is set up at all: the instruments have no listener and tracing costs a branch.
/// </summary>
public static class TelemetrySetup
{
    private const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddKumaTipTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryExportOptions>().BindConfiguration(TelemetryOptions.Section)
            .Validate(o => o.Problem() is null, "The Telemetry settings are invalid.")
            .ValidateOnStart();
        var export = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryExportOptions>() ?? new();
        if (export.Problem() is { } problem)
        {
            throw new OptionsValidationException(TelemetryOptions.Section, typeof(TelemetryExportOptions), [problem]);
        }

        var otlp = export.Otlp.Endpoint is not null || !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]);
        if (!export.Prometheus.Enabled && !otlp)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(KumaTipTelemetry.Name));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddKumaTipInstruments();
            if (export.Prometheus.Enabled)
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp)
            {
                metrics.AddOtlpExporter(o => UseEndpoint(o, export.Otlp));
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddKumaTipInstruments(export.Prometheus.Path).AddOtlpExporter(o => UseEndpoint(o, export.Otlp)));
        }
    }

    /// <summary>
    /// The meters exported: KumaTip's own, and the request metrics of ASP.NET Core (<c>http_server_*</c>) and of
    /// HttpClient (<c>http_client_*</c>, the requests to TIP). Not the dozen other ASP.NET Core meters: each one
    /// listened to is a cost on every request.
    /// </summary>
    public static MeterProviderBuilder AddKumaTipInstruments(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(KumaTipTelemetry.Name, "Microsoft.AspNetCore.Hosting", "System.Net.Http");

    /// <summary>
    /// The spans traced: each HTTP request (not the probes and scrapes, which would drown them), KumaTip's own (a
    /// task's execution, a TIP lookup) and each outgoing HTTP request (the requests to TIP).
    /// </summary>
    public static TracerProviderBuilder AddKumaTipInstruments(this TracerProviderBuilder tracing, string scrapePath = "/metrics") =>
        tracing.AddSource(KumaTipTelemetry.Name)
            .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(scrapePath))
            .AddHttpClientInstrumentation();

    /// <summary>The scrape endpoint, only when enabled (otherwise the path is not found), and only with the token.</summary>
    public static void MapKumaTipMetrics(this WebApplication app)
    {
        var prometheus = app.Services.GetRequiredService<IOptions<TelemetryExportOptions>>().Value.Prometheus;
        if (prometheus.Enabled)
        {
            var door = new ScrapeTokenCheck(prometheus.BearerToken!);
            // Anonymous for the application's sign-in: the token is this endpoint's own authentication.
            app.MapPrometheusScrapingEndpoint(prometheus.Path, null, branch => branch.Use(door.InvokeAsync), null).AllowAnonymous();
        }
    }

    /// <summary>Only a configured endpoint is set: setting one stops the exporter from adding the signal's path to the variable's.</summary>
    private static void UseEndpoint(OpenTelemetry.Exporter.OtlpExporterOptions exporter, OtlpExportOptions options)
    {
        if (options.Endpoint is { } endpoint)
        {
            exporter.Endpoint = endpoint;
        }
    }
}
