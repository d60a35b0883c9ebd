using KumaTip.Application.Common;
using KumaTip.Application.Demo;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.TipSimulator.Hosting;
using KumaTip.Web.Hosting;
using Microsoft.Extensions.Configuration.Memory;

namespace KumaTip.Web.Demo;

/// <summary>Whether this process runs the demo (the layout shows a "demo: simulated TIP" badge).</summary>
public sealed record DemoState(bool Enabled);

/// <summary>
/// <c>--demo</c>: demo tenants, users and events, the TIP simulator inside the process with freshly generated
/// certificates, and a <c>kti</c> secret and settings pointing at it, so a newcomer can click through every flow.
/// Its own data directory (<c>data-demo</c>) keeps it apart from real data. Without the flag none of this exists.
/// </summary>
public static class DemoMode
{
    public const string Flag = "--demo";
    public const string SecretName = "TIP simulator (demo)";
    private const string DemoAdminPassword = "Demo-Admin-2026!";
    private const string DemoAnalystPassword = "Demo-Analyst-2026!";

    /// <summary>Removes the flag from the arguments (configuration would misread it) and says whether it was there.</summary>
    public static bool TakeFlag(ref string[] args)
    {
        var requested = args.Contains(Flag);
        args = args.Where(a => a != Flag).ToArray();
        return requested;
    }

    public static void Configure(WebApplicationBuilder builder, bool enabled)
    {
        builder.Services.AddSingleton(new DemoState(enabled));
        if (!enabled)
        {
            return;
        }

        // Defaults only: anything the user configured still wins.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["DataDirectory"] = "data-demo",
                ["Bootstrap:AdminPassword"] = DemoAdminPassword,
                ["Demo:MainAnalystPassword"] = DemoAnalystPassword,
                ["Demo:IndustrialAnalystPassword"] = DemoAnalystPassword,
            },
        });
    }

    public static async Task StartAsync(WebApplication app)
    {
        var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { DayQuota = 10_000 }, app.Lifetime.ApplicationStopping);
        app.Lifetime.ApplicationStopped.Register(() => simulator.DisposeAsync().AsTask().GetAwaiter().GetResult());

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<TenantAccess>().GrantAll();
        services.GetRequiredService<CurrentUser>().SetSystem("demo");
        var ct = app.Lifetime.ApplicationStopping;

        var seeded = await services.GetRequiredService<DemoSeeder>().SeedAsync(ct);
        if (seeded.Error is { } error)
        {
            throw new InvalidOperationException("Demo data could not be created: " + error.Message);
        }

        var main = (await services.GetRequiredService<TenantService>().ListAsync(ct)).Single(t => t.Name == Tenant.MainTenantName);
        var secrets = services.GetRequiredService<SecretService>();
        var existing = (await secrets.ListAllAsync(ct)).FirstOrDefault(s => s.Name == SecretName);
        var input = new SecretInput
        {
            Name = SecretName,
            TenantId = main.Id,
            UserName = simulator.UserName,
            Password = simulator.Password,
            Pfx = UploadedFile.FromBytes(simulator.Certificates.ClientPfxBytes, "client.pfx"),
            PfxPassword = simulator.Certificates.ClientPfxPassword,
            Description = "Created by demo mode: the account of the TIP simulator running inside KumaTip.",
        };
        var secret = existing is null ? await secrets.CreateAsync(input, ct) : await secrets.UpdateAsync(existing.Id, input, ct);
        if (!secret.Succeeded)
        {
            throw new InvalidOperationException("Demo secret could not be stored: " + secret.Error!.Message);
        }

        var settings = await services.GetRequiredService<ThreatLookupSettingsService>().UpdateAsync(
            new ThreatLookupSettingsInput(
                Disabled: false, SecretId: secret.Value!.Id, ProxyId: null, BaseUrl: simulator.BaseUrl.ToString(),
                PortalUrl: ThreatLookupSettings.DefaultBaseUrl, ExtraCaPem: simulator.Certificates.CaCertificatePem,
                SecretPassword: simulator.Password,
                LicenceQuota: ThreatLookupSettings.DefaultLicenceQuota,
                LicencePeriodEnd: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90))),
            ct);
        if (!settings.Succeeded)
        {
            throw new InvalidOperationException("Demo settings could not be saved: " + settings.Error!.Message);
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
    }

    /// <summary>
    /// Tenants Main and Industrial, an analyst per tenant and a few thousand events; safe to run again. A password
    /// generated for a new analyst is printed here once (never logged); set Demo__MainAnalystPassword and
    /// Demo__IndustrialAnalystPassword to choose them.
    /// </summary>
    /// <remarks>Run by <see cref="Commands"/> as the system, with access to every tenant.</remarks>
    public static async Task<int> SeedCommandAsync(IServiceProvider services)
    {
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

    private static void PrintBanner(WebApplication app)
    {
        var address = app.Urls.FirstOrDefault() ?? "http://localhost:5000";
        // Console on purpose: these are demo passwords for a person to read, not log lines.
        Console.WriteLine();
        Console.WriteLine("==================================================================================");
        Console.WriteLine($" KumaTip DEMO is running: open {address}");
        Console.WriteLine($" Sign in as admin / {DemoAdminPassword}  (or analyst.main / {DemoAnalystPassword},");
        Console.WriteLine($"                                          analyst.industrial / {DemoAnalystPassword})");
        Console.WriteLine(" The Threat Intelligence data is SIMULATED by the TIP simulator inside this process;");
        Console.WriteLine($" no request reaches Kaspersky. Demo data lives in {app.Services.GetRequiredService<DataDirectory>().Path}.");
        Console.WriteLine("==================================================================================");
        Console.WriteLine();
    }
}
