using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.Retention;

public static class RetentionSetup
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<EventPartitions>();
        services.AddScoped<EventRetention>();
        services.AddHostedService<RetentionJob>();
        return services;
    }
}
