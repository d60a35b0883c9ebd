using KumaTip.Application.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.Tasks;

public static class TasksSetup
{
    public static IServiceCollection AddTasks(this IServiceCollection services)
    {
        services.AddOptions<TaskOptions>().BindConfiguration(TaskOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TaskSignal>();
        services.AddSingleton<TaskNotifier>();
        services.AddSingleton<TaskHandoff>();
        services.AddScoped<TaskQueue>();
        services.AddScoped<TaskLeases>();
        services.AddScoped<TaskQueries>();
        services.AddScoped<UnseenTasks>();
        services.AddChangeAwareCache<Guid, int>(ChangeTopic.Tasks, ChangeTopic.Access);
        services.AddSingleton<TaskChangeFeed>();
        services.AddHostedService<TaskWorker>();
        return services;
    }
}
