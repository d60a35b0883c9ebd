using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.Demo;

public static class DemoSetup
{
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services.AddScoped<DemoSeeder>();
    }
}
