using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Resources;
using KumaTip.Application.ThreatLookup.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.ThreatLookup.Settings;

public static class ThreatLookupSettingsSetup
{
    /// <summary>
    /// The settings service (read by other features), the source of unsealed connection material for the TIP client,
    /// the answer to whether a secret or proxy server is in use, and TIP's state for the Status block (it reads the
    /// settings and the database, so it is registered here rather than with the client, which needs neither).
    /// </summary>
    public static IServiceCollection AddThreatLookupSettings(this IServiceCollection services)
    {
        services.AddChangeAwareCache<int, ThreatLookupSettings>(ChangeTopic.ThreatLookupSettings);
        services.AddScoped<CurrentThreatLookupSettings>();
        services.AddScoped<ThreatLookupSettingsService>();
        services.AddChangeAwareCache<bool, Result<TipConnection>>(ChangeTopic.ThreatLookupSettings, ChangeTopic.Credentials);
        services.AddScoped<ThreatLookupConnectionSource>();
        services.AddScoped<IResourceUse, ThreatLookupSettingsUse>();
        services.AddScoped<TipStateReader>();
        return services;
    }
}
