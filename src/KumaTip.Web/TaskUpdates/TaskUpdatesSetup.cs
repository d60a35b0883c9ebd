using System.Text.Json.Serialization;

namespace KumaTip.Web.TaskUpdates;

public static class TaskUpdatesSetup
{
    public static IServiceCollection AddKumaTipTaskUpdates(this IServiceCollection services)
    {
        // States as words, as the API writes them.
        services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton<TaskListeners>();
        services.AddHostedService<TaskBroadcaster>();
        return services;
    }

    public static WebApplication MapKumaTipTaskUpdates(this WebApplication app)
    {
        app.MapHub<TaskHub>(TaskHub.Path);
        return app;
    }
}
