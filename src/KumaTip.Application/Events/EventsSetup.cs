using KumaTip.Application.Caching;
using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Events.Queries;
using KumaTip.Application.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.Events;

public static class EventsSetup
{
    public static IServiceCollection AddEvents(this IServiceCollection services)
    {
        services.AddOptions<EventIngestionOptions>().BindConfiguration(EventIngestionOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<EventBulkWriter>();
        services.AddScoped<EventIngestion>();
        services.AddScoped<IngestionTokenService>();
        services.AddChangeAwareCache<string, ValidToken<Guid>?>(ChangeTopic.Access);
        services.AddScoped<EventQueries>();
        services.AddScoped<EventZoneLookup>();
        return services;
    }
}
