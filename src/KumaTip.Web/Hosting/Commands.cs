using KumaTip.Application.Persistence;

namespace KumaTip.Web.Hosting;

/// <summary>Command-line verbs that run instead of the web server: <c>migrate</c>, <c>healthcheck</c>.</summary>
public static class Commands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        switch (args[0])
        {
            case "healthcheck":
                return await HealthCheckAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:8080/health/ready");
            case "migrate":
                {
                    using var host = BuildHost(args);
                    await using var scope = host.Services.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                    Console.WriteLine("Database migrated.");
                    return 0;
                }

            default:
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Known commands: migrate, healthcheck [URL].");
                return 2;
        }
    }

    /// <summary>A host with the application services and the same configuration sources as the web server.</summary>
    private static IHost BuildHost(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.Services.AddKumaTipApplication(builder.Configuration);
        return builder.Build();
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
