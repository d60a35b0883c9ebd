using KumaTip.Application.Identity;
using KumaTip.Application.Identity.SignIn;
using KumaTip.Application.Tenancy;
using KumaTip.IntegrationTests.ThreatLookupClient;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>
/// The application on a fresh database of the given kind, with intent methods for tests:
/// create tenants and users, sign in through the real login form, get an API client with a token.
/// </summary>
public class KumaTipApp<TDatabase> : WebApplicationFactory<Program>, IAsyncLifetime
    where TDatabase : IDatabaseKind
{
    public const string AdminPassword = "Admin-Pass-2026!";

    private readonly string _ownDataDirectory = Path.Combine(Path.GetTempPath(), "kumatip-data-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The apps of this run using each SQLite database: the last one to stop removes its file.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> SqliteUsers = new();

    private readonly ILoggerFactory _signInLogging;

    private bool _released;

    public KumaTipApp() => _signInLogging = LoggerFactory.Create(logging => logging.AddProvider(SignInLog));

    /// <summary>
    /// What the password check of this app logged, apart from <see cref="CapturedLogs"/> (which holds every app's lines),
    /// so a test reads only this app's sign-ins.
    /// </summary>
    public CollectedLogs SignInLog { get; } = new();

    public string ConnectionString { get; private set; } = string.Empty;

    public string Provider => TDatabase.Provider;

    public string DataDirectory => SharedDataDirectory ?? _ownDataDirectory;

    /// <summary>Set before start, with <see cref="SharedDatabase"/>, so a second instance has the same master key.</summary>
    public string? SharedDataDirectory { get; init; }

    /// <summary>Set before start to run as a second instance on another app's database.</summary>
    public string? SharedDatabase { get; init; }

    public async Task InitializeAsync()
    {
        ConnectionString = SharedDatabase ?? await TDatabase.CreateDatabaseAsync();
        if (TDatabase.Provider == OnSqlite.Provider)
        {
            SqliteUsers.AddOrUpdate(ConnectionString, 1, (_, users) => users + 1);
        }

        StartServer(); // start now, so migration and bootstrap failures surface in the fixture (works with Kestrel too)
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Stops the host only: its data folder and database stay, for a test that starts another on them.</summary>
    public ValueTask StopHostAsync() => base.DisposeAsync();

    /// <summary>
    /// Stops the app and removes what it made, however it ends (a fixture, <c>await using</c>): its data folder, on
    /// SQLite its database file, and on PostgreSQL its database's idle pooled connections.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (TDatabase.Provider == OnPostgres.Provider)
        {
            // Npgsql keeps a pool per connection string after the host is gone: close this database's idle connections,
            // or the run's many throwaway databases together exhaust the server's max_connections.
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(ConnectionString));
        }
        else if (ConnectionString.Length > 0 && !Interlocked.Exchange(ref _released, true)
                 && SqliteUsers.AddOrUpdate(ConnectionString, 0, (_, users) => users - 1) <= 0)
        {
            // A file per database under the temporary folder (a run would otherwise leave hundreds behind), removed by
            // the last app that used it: a restarted second instance may outlive the first.
            SqliteUsers.TryRemove(ConnectionString, out _);
            OnSqlite.Delete(ConnectionString);
        }

        try
        {
            if (SharedDataDirectory is null)
            {
                Directory.Delete(_ownDataDirectory, recursive: true);
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>Extra settings a derived fixture wants (e.g. a TIP simulator's address).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => [];

    /// <summary>Services a derived fixture adds or replaces, after the application's own.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", TDatabase.Provider);
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("ConnectionStrings:KumaTip", ConnectionString);
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Information");
        // Tests sign in far more often than people do; the tests of the limits bring them back (SignInThrottlingTests).
        builder.UseSetting("SignIn:AddressLimit", "100000");
        builder.UseSetting("SignIn:UserNameLimit", "100000");
        foreach (var (key, value) in ExtraSettings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink, CapturedLogs>();
            services.AddSingleton<ILogger<PasswordCheck>>(new Logger<PasswordCheck>(_signInLogging));
        });
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    /// <summary>Runs <paramref name="work"/> in a scope acting as a General administrator (like a seeding script).</summary>
    public async Task<T> AsAdministratorAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
        var admin = await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>()
            .FindByNameAsync(AdminBootstrap.AdminUserName);
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(admin!.Id, admin.UserName!, [Roles.GeneralAdministrator]);
        return await work(scope.ServiceProvider);
    }

    public Task<Guid> CreateTenantAsync(string? name = null) => AsAdministratorAsync(async sp =>
    {
        var created = await sp.GetRequiredService<TenantService>()
            .CreateAsync(new TenantInput(name ?? "Tenant " + Guid.NewGuid().ToString("N")[..8], null), CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return created.Value!.Id;
    });

    /// <summary>Creates a user with a unique name; returns the name (the password is <see cref="UserPassword"/>).</summary>
    public Task<TestUser> CreateUserAsync(string role, params Guid[] tenantIds) => AsAdministratorAsync(async sp =>
    {
        var userName = role.ToLowerInvariant()[..5] + "-" + Guid.NewGuid().ToString("N")[..8];
        var created = await sp.GetRequiredService<UserService>()
            .CreateAsync(new UserInput(userName, null, role, tenantIds, UserPassword), CancellationToken.None);
        Assert.True(created.Succeeded, created.Error?.Message);
        return new TestUser(created.Value!.Id, userName, UserPassword);
    });

    public const string UserPassword = "User-Pass-2026!";

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests look at them).</summary>
    public HttpClient CreateBrowser(string? acceptLanguage = "en") =>
        WithLanguage(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), acceptLanguage);

    /// <summary>Signs in through the real login form (antiforgery included) and returns the signed-in browser.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var browser = CreateBrowser();
        var response = await browser.PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    public Task<HttpClient> SignInAsAdminAsync() => SignInAsync(AdminBootstrap.AdminUserName, AdminPassword);

    /// <summary>An API client authenticated with a personal access token created through the API.</summary>
    public async Task<HttpClient> ApiClientAsync(string userName, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/tokens", new { userName, password, name = "tests" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    public Task<HttpClient> AdminApiClientAsync() => ApiClientAsync(AdminBootstrap.AdminUserName, AdminPassword);

    private static HttpClient WithLanguage(HttpClient client, string? language)
    {
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        return client;
    }
}

public sealed record TestUser(Guid Id, string UserName, string Password);
