using KumaTip.Application.Persistence;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace KumaTip.Web.Hosting;

public static class HealthSetup
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddKumaTipHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag]);
        return services;
    }

    public static WebApplication MapKumaTipHealthChecks(this WebApplication app)
    {
        // Live: the process answers. Ready: it can also reach its database.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
