using System.Net;
using System.Net.Sockets;
using KumaTip.TipSimulator.Certificates;
using KumaTip.TipSimulator.Faults;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>
/// A running TIP simulator: the HTTPS API (mutual TLS + Basic) and the loopback admin port. The same code serves
/// the stand-alone program, the web host's demo mode and the tests, which also control it here without HTTP.
/// </summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorState _state;
    private readonly SimulatorAccount _account;

    private SimulatorHost(WebApplication app, SimulatorState state, SimulatorCertificates certificates, SimulatorAccount account, Uri baseUrl, Uri adminUrl)
    {
        (_app, _state, Certificates, _account, BaseUrl, AdminUrl) = (app, state, certificates, account, baseUrl, adminUrl);
    }

    /// <summary>https://127.0.0.1:{port}</summary>
    public Uri BaseUrl { get; }

    /// <summary>http://127.0.0.1:{adminPort}</summary>
    public Uri AdminUrl { get; }

    public SimulatorCertificates Certificates { get; }

    /// <summary>The first configured account's user name.</summary>
    public string UserName => _account.UserName;

    public string Password => _account.Password;

    /// <summary>The faults in force ("Next" counts show what is left); setting replaces them.</summary>
    public FaultSettings Faults
    {
        get => _state.Faults.Current;
        set => _state.Faults.Current = value;
    }

    /// <summary>Requests received on /api, all of them or for one observable value (as the client sent it, decoded).</summary>
    public int RequestCount(string? observableValue = null) =>
        observableValue is null ? _state.Requests.Total : _state.Requests.CountFor(observableValue);

    /// <summary>
    /// How long the simulator took to answer each request for one observable value (as the client sent it, decoded):
    /// from the request reaching it to its answer written, injected latency included. TIP's own share of a lookup.
    /// </summary>
    public IReadOnlyList<TimeSpan> ServedIn(string observableValue) => _state.Requests.ServedIn(observableValue);

    /// <summary>Requests received per observable value.</summary>
    public IReadOnlyDictionary<string, int> Counts => _state.Requests.Snapshot();

    /// <summary>LicenseInfo.DayRequests of a user (by default the first account) today.</summary>
    public int DayRequests(string? userName = null) => _state.Quota.UsedToday(userName ?? UserName);

    /// <summary>Forgets request counts and today's usage, and restores the configured faults.</summary>
    public void Reset() => _state.Reset();

    public static async Task<SimulatorHost> StartAsync(SimulatorOptions options, CancellationToken ct = default)
    {
        var certificates = options.Certificates
            ?? (options.CertificatesDirectory is { } directory ? SimulatorCertificates.Load(directory) : SimulatorCertificates.Generate());
        var state = new SimulatorState(options);

        // The empty builder reads no appsettings or environment: a simulator inside a test or the web host must not
        // pick up the host's configuration (ASPNETCORE_URLS, Kestrel endpoints, logging).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SimulatorHost).Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestLineSize = 32 * 1024; // a 2000-character URL, percent-encoded, can triple
            kestrel.Listen(options.ListenAddress, options.Port, listen => listen.UseHttps(ClientCertificatePolicy.HttpsOptions(certificates)));
            kestrel.Listen(IPAddress.Loopback, options.AdminPort);
        });
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(options.MinimumLogLevel);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);

        var app = builder.Build();
        var lookup = new LookupEndpoint(state, app.Lifetime.ApplicationStopping);
        app.Run(context => context.Request.IsHttps ? lookup.HandleAsync(context) : AdminEndpoints.HandleAsync(context, state));
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(address => new Uri(address)).ToList();
        var apiPort = addresses.First(address => address.Scheme == Uri.UriSchemeHttps).Port;
        var adminPort = addresses.First(address => address.Scheme == Uri.UriSchemeHttp).Port;
        return new SimulatorHost(app, state, certificates, options.EffectiveAccounts[0],
            new Uri($"https://{ClientHost(options.ListenAddress)}:{apiPort}"), new Uri($"http://127.0.0.1:{adminPort}"));
    }

    /// <summary>Completes when the process is asked to stop (Ctrl+C, SIGTERM).</summary>
    internal Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string ClientHost(IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) ? "127.0.0.1"
        : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]"
        : address.ToString();
}
