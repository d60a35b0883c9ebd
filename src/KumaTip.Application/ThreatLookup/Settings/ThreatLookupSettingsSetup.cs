using KumaTip.Application.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.ThreatLookup.Settings;

public static class ThreatLookupSettingsSetup
{
    /// <summary>The settings service (read by other features) and the source of unsealed connection material for the TIP client.</summary>
    public static IServiceCollection AddThreatLookupSettings(this IServiceCollection services)
    {
        services.AddChangeAwareCache<int, ThreatLookupSettings>(ChangeTopic.ThreatLookupSettings);
        services.AddScoped<CurrentThreatLookupSettings>();
        services.AddScoped<ThreatLookupSettingsService>();
        services.AddScoped<ThreatLookupConnectionSource>();
        return services;
    }
}
