using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Hosting;

public static class DatabasePreparation
{
    /// <summary>
    /// Before serving: migrate when configured (always for the embedded SQLite default), refuse to start on a
    /// database with pending migrations, then make sure tenant Main and the first administrator exist.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentUser>().SetSystem("startup");
        services.GetRequiredService<TenantAccess>().GrantAll();

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var db = services.GetRequiredService<AppDbContext>();
        if (options.ShouldMigrateOnStart)
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).Any())
        {
            throw new InvalidOperationException(
                "The database schema is not up to date. Run `dotnet run --project src/KumaTip.Web -- migrate` "
                + "(or `KumaTip.Web migrate` in a container), or set Database__MigrateOnStart=true.");
        }

        await services.GetRequiredService<TenantService>().EnsureMainTenantAsync(app.Lifetime.ApplicationStopping);
        await services.GetRequiredService<AdminBootstrap>().RunAsync(app.Lifetime.ApplicationStopping);
    }
}
