using KumaTip.Application.Demo;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;

namespace KumaTip.Web.Hosting;

/// <summary>Command-line verbs that run instead of the web server: <c>migrate</c>, <c>seed-demo</c>, <c>healthcheck</c>.</summary>
public static class Commands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        if (args[0] == "healthcheck")
        {
            return await HealthCheckAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:8080/health/ready");
        }

        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.Services.AddKumaTipApplication(builder.Configuration);
        builder.Services.AddKumaTipIdentity();
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        switch (args[0])
        {
            case "migrate":
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                Console.WriteLine("Database migrated.");
                return 0;
            case "seed-demo":
                return await SeedDemoAsync(scope.ServiceProvider);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Known commands: migrate, seed-demo, healthcheck [URL].");
                return 2;
        }
    }

    /// <summary>
    /// Tenants Main and Industrial, an analyst per tenant and a few thousand events; safe to run again. A password
    /// generated for a new analyst is printed here once (never logged); set Demo__MainAnalystPassword and
    /// Demo__IndustrialAnalystPassword to choose them.
    /// </summary>
    private static async Task<int> SeedDemoAsync(IServiceProvider services)
    {
        services.GetRequiredService<CurrentUser>().SetSystem("seed-demo");
        services.GetRequiredService<TenantAccess>().GrantAll();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await services.GetRequiredService<TenantService>().EnsureMainTenantAsync(CancellationToken.None);
        await services.GetRequiredService<AdminBootstrap>().RunAsync(CancellationToken.None); // roles, first administrator

        var result = await services.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        if (result.Error is { } error)
        {
            await Console.Error.WriteLineAsync($"Demo data not created: {error.Message}");
            return 1;
        }

        foreach (var user in result.Value!.Users)
        {
            Console.WriteLine(user.Password is null
                ? $"Analyst of {user.TenantName}: {user.UserName} (already existed; password unchanged)"
                : $"Analyst of {user.TenantName}: {user.UserName}  password: {user.Password}");
        }

        foreach (var (tenant, count) in result.Value.EventsAdded)
        {
            Console.WriteLine(count > 0 ? $"Events added to {tenant}: {count}" : $"Events of {tenant}: it already has events, none added");
        }

        return 0;
    }

    /// <summary>For container health checks: the runtime image has no curl.</summary>
    private static async Task<int> HealthCheckAsync(string url)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var response = await client.GetAsync(new Uri(url));
            Console.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException e)
        {
            Console.WriteLine($"{url}: {e.Message}");
            return 1;
        }
    }
}
