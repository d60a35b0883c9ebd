using KumaTip.Application.Caching;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Application.ThreatLookup.Quota;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.ThreatLookup.Lookups;

public static class LookupsSetup
{
    public static IServiceCollection AddThreatLookups(this IServiceCollection services)
    {
        services.AddScoped<ObservableCache>();
        services.AddScoped<ITaskHeldLease>(sp => sp.GetRequiredService<ObservableCache>());
        services.AddScoped<ObservableCacheReader>();
        services.AddChangeAwareCache<string, ObservableCacheEntry?>(ChangeTopic.ObservableCache);
        services.AddScoped<QuotaService>();
        services.AddSingleton<LicenceInfoRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<LicenceInfoRecorder>());
        services.AddScoped<LicenceAllocationService>();
        services.AddChangeAwareCache<int, LicenceAllocationTerms>(ChangeTopic.LicenceAllocation, ChangeTopic.Access);
        services.AddScoped<LicenceGovernance>();
        services.AddScoped<LicenceUsageQueries>();
        services.AddChangeAwareCache<int, LicenceStanding>(
            ChangeTopic.LicenceCounters, ChangeTopic.LicenceAllocation, ChangeTopic.ThreatLookupSettings, ChangeTopic.Access);
        services.AddScoped<ITaskRestartCheck, ThreatLookupRestartCheck>();
        services.AddScoped<LookupService>();
        services.AddScoped<ObservableDetailsReader>();
        services.AddScoped<LookupTaskResults>();
        services.AddScoped<BulkLookups>();
        services.AddScoped<ConnectionTest>();
        services.AddScoped<ITaskHandler, ThreatLookupTaskHandler>();
        return services;
    }
}
