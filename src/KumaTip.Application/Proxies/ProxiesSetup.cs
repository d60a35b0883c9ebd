using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.Proxies;

public static class ProxiesSetup
{
    public static IServiceCollection AddProxies(this IServiceCollection services) => services.AddScoped<ProxyService>();
}
