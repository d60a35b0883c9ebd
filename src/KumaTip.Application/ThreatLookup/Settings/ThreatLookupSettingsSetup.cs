using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.ThreatLookup.Settings;

public static class ThreatLookupSettingsSetup
{
    /// <summary>The settings service (read by other features) and the source of unsealed connection material for the TIP client.</summary>
    public static IServiceCollection AddThreatLookupSettings(this IServiceCollection services)
    {
        services.AddScoped<ThreatLookupSettingsService>();
        services.AddScoped<ThreatLookupConnectionSource>();
        return services;
    }
}
