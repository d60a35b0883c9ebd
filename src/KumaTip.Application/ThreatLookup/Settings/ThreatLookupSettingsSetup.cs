using KumaTip.Application.Caching;
using KumaTip.Application.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.ThreatLookup.Settings;

public static class ThreatLookupSettingsSetup
{
    /// <summary>
    /// The settings service (read by other features), the source of unsealed connection material for the TIP client,
    /// and the answer to whether a secret or proxy server is in use.
    /// </summary>
    public static IServiceCollection AddThreatLookupSettings(this IServiceCollection services)
    {
        services.AddChangeAwareCache<int, ThreatLookupSettings>(ChangeTopic.ThreatLookupSettings);
        services.AddScoped<CurrentThreatLookupSettings>();
        services.AddScoped<ThreatLookupSettingsService>();
        services.AddScoped<ThreatLookupConnectionSource>();
        services.AddScoped<IResourceUse, ThreatLookupSettingsUse>();
        return services;
    }
}
