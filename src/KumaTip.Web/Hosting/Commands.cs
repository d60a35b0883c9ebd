using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets.Rotation;
using KumaTip.Application.Secrets.Sealing;
using KumaTip.Application.Tenancy;
using KumaTip.Web.Demo;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Web.Hosting;

/// <summary>
/// Command-line verbs that run instead of the web server (configuration as for the server, e.g.
/// <c>--ConnectionStrings:KumaTip=...</c>):
/// <list type="bullet">
/// <item><c>migrate</c>: apply the database migrations.</item>
/// <item><c>seed-demo</c>: demo tenants, analysts and events (idempotent).</item>
/// <item><c>healthcheck [URL]</c>: for container health checks.</item>
/// <item><c>master-keys</c>: list the master keys and whether stored data is sealed with each.</item>
/// <item><c>rotate-master-key [--reseal] [--retire-old]</c>: add a new master key, make it active and re-wrap every
/// secret's, proxy server's and Data Protection key's data key under it (sealing Data Protection keys an earlier
/// version stored in the clear); <c>--reseal</c> also replaces the data keys and seals every field again;
/// <c>--retire-old</c> then removes the keys nothing uses any more.</item>
/// <item><c>retire-master-key ID</c>: remove one old master key, after checking that nothing is sealed with it.</item>
/// </list>
/// </summary>
public static class Commands
{
    private const string Known = "migrate, seed-demo, healthcheck [URL], master-keys, rotate-master-key [--reseal] [--retire-old], retire-master-key ID";

    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return null;
        }

        var verb = args[0];
        if (verb == "healthcheck")
        {
            return await HealthCheckAsync(args.Length > 1 ? args[1] : "http://127.0.0.1:8080/health/ready");
        }

        var flags = args.Skip(1).Where(a => a is "--reseal" or "--retire-old").ToHashSet();
        var positional = verb == "retire-master-key" && args.Length > 1 && !args[1].StartsWith('-') ? args[1] : null;
        var configuration = args.Skip(1).Where(a => !flags.Contains(a) && a != positional).ToArray();

        var builder = Host.CreateApplicationBuilder(configuration);
        // The commands print what they did; EF Core's SQL would bury it.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddKumaTipApplication(builder.Configuration);
        builder.Services.AddKumaTipIdentity();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentUser>().SetSystem(verb);
        services.GetRequiredService<TenantAccess>().GrantAll();
        switch (verb)
        {
            case "migrate":
                await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
                Console.WriteLine("Database migrated.");
                return 0;
            case "seed-demo":
                return await DemoMode.SeedCommandAsync(services);
            case "master-keys":
                return await RequireMigratedAsync(services) ?? await ListKeysAsync(services);
            case "rotate-master-key":
                return await RequireMigratedAsync(services)
                    ?? await RotateAsync(services, new MasterKeyRotationOptions(flags.Contains("--reseal"), flags.Contains("--retire-old")));
            case "retire-master-key" when positional is null:
                await Console.Error.WriteLineAsync("Name the key to retire: retire-master-key ID (see master-keys for the ids).");
                return 2;
            case "retire-master-key":
                return await RequireMigratedAsync(services) ?? await RetireAsync(services, positional);
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{verb}'. Known commands: {Known}.");
                return 2;
        }
    }

    private static async Task<int?> RequireMigratedAsync(IServiceProvider services)
    {
        if (!(await services.GetRequiredService<DatabaseMigrator>().PendingAsync(CancellationToken.None)).Any())
        {
            return null;
        }

        await Console.Error.WriteLineAsync("The database schema is not up to date. Run the migrate command first.");
        return 1;
    }

    private static async Task<int> ListKeysAsync(IServiceProvider services)
    {
        var ring = services.GetRequiredService<MasterKeyRing>();
        var inUse = await services.GetRequiredService<MasterKeyUsage>().KeyIdsInUseAsync(CancellationToken.None);
        Console.WriteLine($"Master keys ({ring.KeySource}):");
        foreach (var id in ring.KeyIds.Union(inUse, StringComparer.Ordinal))
        {
            var state = !ring.Has(id) ? "MISSING" : id == ring.ActiveKeyId ? "active" : "old";
            Console.WriteLine($"  {id}  {state}{(inUse.Contains(id) ? ", seals stored data" : ", unused")}");
        }

        return inUse.All(ring.Has) ? 0 : 1;
    }

    private static async Task<int> RotateAsync(IServiceProvider services, MasterKeyRotationOptions options)
    {
        var rotated = await services.GetRequiredService<MasterKeyRotation>().RotateAsync(options, CancellationToken.None);
        if (!rotated.Succeeded)
        {
            await Console.Error.WriteLineAsync(rotated.Error!.Message);
            return 1;
        }

        var report = rotated.Value!;
        Console.WriteLine(report.KeyAdded
            ? $"Added master key {report.ActiveKeyId} and made it active."
            : $"The master key comes from configuration; the active key is {report.ActiveKeyId}.");
        Console.WriteLine($"{(options.Reseal ? "Re-sealed" : "Re-wrapped")} {report.SecretsRewrapped} secret(s), {report.ProxiesRewrapped} proxy server(s) and {report.DataProtectionKeys.Rewrapped} Data Protection key(s).");
        if (report.DataProtectionKeys.SealedFromClear > 0)
        {
            Console.WriteLine($"Sealed {report.DataProtectionKeys.SealedFromClear} Data Protection key(s) stored in the clear by an earlier version.");
        }

        foreach (var failure in report.Failures)
        {
            await Console.Error.WriteLineAsync("Not re-wrapped: " + failure.Message);
        }

        foreach (var retired in report.RetiredKeyIds)
        {
            Console.WriteLine($"Retired master key {retired}.");
        }

        var ring = services.GetRequiredService<MasterKeyRing>();
        var old = ring.KeyIds.Where(k => k != report.ActiveKeyId).ToList();
        if (old.Count > 0)
        {
            Console.WriteLine(report.KeysStillInUse.Count > 0
                ? $"Still in use, keep them: {string.Join(", ", report.KeysStillInUse)}."
                : ring.IsReadOnly
                    ? $"Nothing is sealed with {string.Join(", ", old)} any more: remove them from Encryption:PreviousMasterKeys."
                    : $"Nothing is sealed with {string.Join(", ", old)} any more: remove them with retire-master-key ID (or rotate with --retire-old).");
        }

        return report.Failures.Count == 0 ? 0 : 1;
    }

    private static async Task<int> RetireAsync(IServiceProvider services, string keyId)
    {
        var retired = await services.GetRequiredService<MasterKeyRotation>().RetireAsync(keyId, CancellationToken.None);
        if (!retired.Succeeded)
        {
            await Console.Error.WriteLineAsync(retired.Error!.Message);
            return 1;
        }

        Console.WriteLine($"Retired master key {keyId}.");
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
