using KumaTip.Application.Persistence;

namespace KumaTip.Web.Hosting;

/// <summary>Command-line verbs that run instead of the web server: <c>migrate</c>.</summary>
public static class Commands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.Services.AddKumaTipApplication(builder.Configuration);
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        switch (args[0])
        {
            case "migrate":
                await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                Console.WriteLine("Database migrated.");
                return 0;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{args[0]}'. Known commands: migrate.");
                return 2;
        }
    }
}
