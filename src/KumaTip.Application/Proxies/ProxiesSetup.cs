using KumaTip.Application.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KumaTip.Application.Proxies;

public static class ProxiesSetup
{
    public static IServiceCollection AddProxies(this IServiceCollection services)
    {
        services.TryAddScoped<SealedResourceDependencies>();
        services.AddScoped<ProxyService>();
        return services.AddScoped<SealedResourceService<ProxyServer, ProxyInput, ProxySummary>>(sp => sp.GetRequiredService<ProxyService>());
    }
}
