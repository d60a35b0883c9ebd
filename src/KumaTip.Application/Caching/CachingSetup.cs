using KumaTip.Application.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Caching;

public static class CachingSetup
{
    public static IServiceCollection AddCaching(this IServiceCollection services)
    {
        services.AddOptions<CachingOptions>().BindConfiguration(CachingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AppInstance>();
        services.AddSingleton<ChangeGenerations>();
        services.AddSingleton<ChangePublisher>();
        services.AddSingleton<ChangePublishingInterceptor>();
        services.AddHostedService<DatabaseNotificationListener>();
        services.AddSingleton<DatabaseAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseAnnouncer>());
        return services;
    }

    /// <summary>A singleton in-memory cache of data read from <paramref name="topics"/>' tables; consumers inject <c>ChangeAwareCache&lt;TKey, TValue&gt;</c>.</summary>
    public static IServiceCollection AddChangeAwareCache<TKey, TValue>(this IServiceCollection services, params ChangeTopic[] topics)
        where TKey : notnull =>
        services.AddSingleton(sp => new ChangeAwareCache<TKey, TValue>(
            sp.GetRequiredService<ChangeGenerations>(), topics, sp.GetRequiredService<IOptions<CachingOptions>>().Value,
            sp.GetRequiredService<TimeProvider>()));
}
