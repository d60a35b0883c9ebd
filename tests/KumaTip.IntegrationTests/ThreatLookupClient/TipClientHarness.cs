using System.Text.Json;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.TipSimulator.Certificates;
using KumaTip.TipSimulator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>
/// The client as the application registers it (<c>AddThreatLookupClient</c>), with fast retries for the tests and
/// every log line kept. A fresh harness has fresh handlers and a fresh circuit breaker.
/// </summary>
public sealed class TipClientHarness : IDisposable
{
    private readonly ServiceProvider _services;

    public TipClientHarness(Action<TipClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        services.AddThreatLookupClient();
        services.Configure<TipClientOptions>(options =>
        {
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(100);
            configure?.Invoke(options);
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public CollectedLogs Logs { get; } = new();

    public TipClient Client => _services.GetRequiredService<TipClient>();

    public TipConnectionTester Tester => _services.GetRequiredService<TipConnectionTester>();

    public TipHttpClientCache Cache => _services.GetRequiredService<TipHttpClientCache>();

    public static TipLookupRequest Request(ObservableCategory type, string value, params string[] sections) =>
        new(type, value, sections);

    /// <summary>One section of an answer, as TIP sent it.</summary>
    public static JsonElement Section(TipLookupOutcome.Data data, string name)
    {
        using var document = JsonDocument.Parse(data.Answer.Sections[name]);
        return document.RootElement.Clone();
    }

    public Task<TipLookupOutcome> LookupAsync(TipConnection connection, TipLookupRequest request, ITipRequestBudget? budget = null) =>
        Client.LookupAsync(connection, request, budget ?? TipRequestBudgets.Unlimited, CancellationToken.None);

    /// <summary>
    /// A connection to <paramref name="host"/> as the stored secret would give it: the simulator's PFX, its account,
    /// its CA as the extra CA of the settings. <paramref name="pfx"/> null with <paramref name="noCertificate"/> sends none.
    /// </summary>
    public static TipConnection ConnectionTo(
        SimulatorHost host,
        ClientPfx? pfx = null,
        bool noCertificate = false,
        string? userName = null,
        string? password = null,
        ProxyConnection? proxy = null,
        string? versionKey = null,
        int maxParallelRequests = 4,
        TimeSpan? requestTimeout = null,
        bool trustSimulatorCa = true)
    {
        var certificate = pfx ?? host.Certificates.Client;
        return new TipConnection(
            Disabled: false,
            BaseUrl: host.BaseUrl,
            PortalUrl: new Uri("https://tip.kaspersky.com"),
            UserName: userName ?? host.UserName,
            Password: password ?? host.Password,
            Pfx: noCertificate ? [] : certificate.Bytes,
            PfxPassword: noCertificate ? "" : certificate.Password,
            ExtraCaPem: trustSimulatorCa ? host.Certificates.CaCertificatePem : null,
            Proxy: proxy,
            VersionKey: versionKey ?? Guid.NewGuid().ToString("N"),
            MaxParallelRequests: maxParallelRequests,
            RequestTimeout: requestTimeout ?? TimeSpan.FromSeconds(20));
    }

    public void Dispose() => _services.Dispose();
}
