using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Quota;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KumaTip.Application.Telemetry;

public static class MetricsSetup
{
    /// <summary>
    /// The instruments of the <c>KumaTip</c> meter (those of the TIP client come with it). They cost nothing until a
    /// listener (an exporter the web host configures, or a test) subscribes; the gauges read the database only when
    /// collected.
    /// </summary>
    public static IServiceCollection AddKumaTipMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CacheMetrics>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<TaskQueueMetrics>();
        services.AddSingleton<LicenceMetrics>();
        services.AddHostedService<GaugesAtStart>();
        return services;
    }

    /// <summary>An observable gauge exists once its class is built: built at start, a scrape sees them before any lookup.</summary>
    private sealed class GaugesAtStart(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            services.GetRequiredService<TaskQueueMetrics>();
            services.GetRequiredService<LicenceMetrics>();
            services.GetRequiredService<TipMetrics>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
