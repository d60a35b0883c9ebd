using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;

namespace KumaTip.Bench;

/// <summary>The real application, in this process, served by Kestrel on a loopback port, over the benchmark's database.</summary>
public sealed class BenchApp : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Bench-Admin-2026!";

    private readonly string _provider;
    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "kumatip-bench-data-" + Guid.NewGuid().ToString("N")[..8]);

    /// <param name="provider"><c>Postgres</c> or <c>Sqlite</c>.</param>
    /// <param name="settings">Configuration on top of the benchmark's own (e.g. <c>Tasks:WorkerCount</c>).</param>
    public BenchApp(string connectionString, int port, string provider = "Postgres", IReadOnlyDictionary<string, string?>? settings = null)
    {
        _provider = provider;
        _connectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string?>();
        Port = port;
        // Not a test project, so no content-root manifest: point the factory at the web project's folder.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_KUMATIP_WEB", Path.Combine(RepositoryRoot(), "src", "KumaTip.Web"));
        UseKestrel(port);
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("Database:Provider", _provider);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("ConnectionStrings:KumaTip", _connectionString);
        builder.UseSetting("DataDirectory", _dataDirectory);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        // Request logging at Information would write a line per request: production runs at Warning too.
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KumaTip.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
