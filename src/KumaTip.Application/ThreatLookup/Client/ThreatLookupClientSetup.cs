using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KumaTip.Application.ThreatLookup.Client;

public static class ThreatLookupClientSetup
{
    public static IServiceCollection AddThreatLookupClient(this IServiceCollection services)
    {
        services.AddOptions<TipClientOptions>().BindConfiguration(TipClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PfxInspector>();
        services.AddSingleton<TipHttpClientCache>();
        services.AddMetrics();
        services.AddOptions<TelemetryOptions>();
        services.AddSingleton<TipClientStatus>();
        services.AddSingleton<TipMetrics>();
        services.AddSingleton<TipClient>();
        services.AddSingleton<TipConnectionTester>();
        return services;
    }
}
