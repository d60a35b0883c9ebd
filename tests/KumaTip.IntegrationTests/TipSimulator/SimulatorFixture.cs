using KumaTip.TipSimulator.Hosting;

namespace KumaTip.IntegrationTests.TipSimulator;

/// <summary>One simulator shared by tests that only read from it.</summary>
public sealed class SimulatorFixture : IAsyncLifetime
{
    public SimulatorHost Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await SimulatorClient.StartAsync(options => options.DayQuota = 100_000);
        Client = SimulatorClient.Create(Host);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
