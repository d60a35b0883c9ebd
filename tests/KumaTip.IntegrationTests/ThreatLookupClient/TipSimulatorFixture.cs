using KumaTip.IntegrationTests.TipSimulator;
using KumaTip.TipSimulator.Hosting;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>
/// One simulator per test class. Its tests run one after another, so each may set faults; each starts with
/// <see cref="Fresh"/>, which forgets counts and faults. Besides the default account it knows
/// <see cref="NoApiAccessUser"/>, whose account has no API access (403).
/// </summary>
public sealed class TipSimulatorFixture : IAsyncLifetime
{
    public const string NoApiAccessUser = "no-api-access";
    public const string NoApiAccessPassword = "no-api-access-password";

    public SimulatorHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await SimulatorClient.StartAsync(options =>
        {
            options.DayQuota = 1_000_000;
            options.Accounts.Add(new SimulatorAccount(SimulatorOptions.DefaultUserName, SimulatorOptions.DefaultPassword));
            options.Accounts.Add(new SimulatorAccount(NoApiAccessUser, NoApiAccessPassword));
            options.UsersWithoutApiAccess.Add(NoApiAccessUser);
        });
    }

    /// <summary>The simulator with no faults and zero counts.</summary>
    public SimulatorHost Fresh()
    {
        Host.Reset();
        return Host;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
