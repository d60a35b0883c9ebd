using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Faults;
using static KumaTip.IntegrationTests.ThreatLookupClient.TipClientHarness;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>A changed secret, proxy or setting (a new version key) applies from the next lookup, and old handlers go.</summary>
public sealed class TipConnectionChangeTests(TipSimulatorFixture tip) : IClassFixture<TipSimulatorFixture>, IDisposable
{
    private static readonly TipLookupRequest Lookup = Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain);

    private readonly TipClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_changed_secret_is_used_from_the_next_lookup_and_the_old_handler_is_disposed()
    {
        var host = tip.Fresh();
        var before = ConnectionTo(host, password: "an-outdated-password", versionKey: "secret-v1");
        var renewed = host.Certificates.IssueClientPfx("renewed-client");
        var after = ConnectionTo(host, renewed, versionKey: "secret-v2");

        var refused = await _harness.LookupAsync(before, Lookup);
        var oldChannel = _harness.Cache.Find("secret-v1");
        var accepted = await _harness.LookupAsync(after, Lookup);

        Assert.Equal(401, Assert.IsType<TipLookupOutcome.PermanentFailure>(refused).StatusCode);
        Assert.IsType<TipLookupOutcome.Data>(accepted);
        Assert.NotNull(oldChannel);
        Assert.True(oldChannel.IsDisposed);
        Assert.Null(_harness.Cache.Find("secret-v1"));
        Assert.Equal(renewed.Subject, _harness.Cache.Find("secret-v2")!.Transport.ClientCertificate!.Subject);
    }

    [Fact]
    public async Task The_same_version_reuses_its_handler()
    {
        var host = tip.Fresh();
        var connection = ConnectionTo(host, versionKey: "steady");

        await _harness.LookupAsync(connection, Lookup);
        var channel = _harness.Cache.Find("steady");
        await _harness.LookupAsync(connection with { }, Lookup);

        Assert.Same(channel, _harness.Cache.Find("steady"));
        Assert.False(channel!.IsDisposed);
    }

    [Fact]
    public async Task A_lookup_in_flight_on_the_old_version_finishes_before_its_handler_is_disposed()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { LatencyMs = 5000 };
        var slow = _harness.LookupAsync(ConnectionTo(host, versionKey: "old"), Lookup);
        await WaitUntilAsync(() => host.RequestCount() == 1);
        var oldChannel = _harness.Cache.Find("old")!;
        host.Faults = FaultSettings.None;

        var fresh = await _harness.LookupAsync(ConnectionTo(host, versionKey: "new"), Lookup);
        var disposedWhileInFlight = oldChannel.IsDisposed;
        var finished = await slow;

        Assert.IsType<TipLookupOutcome.Data>(fresh);
        Assert.False(disposedWhileInFlight);
        Assert.IsType<TipLookupOutcome.Data>(finished);
        Assert.True(oldChannel.IsDisposed);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 30_000, "the condition never came true");
            await Task.Delay(20);
        }
    }
}
