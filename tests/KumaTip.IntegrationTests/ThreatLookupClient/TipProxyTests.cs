using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.TipSimulator.Data;
using static KumaTip.IntegrationTests.ThreatLookupClient.TipClientHarness;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>Lookups through a real HTTP CONNECT proxy, whose tunnel counter proves the path taken.</summary>
public sealed class TipProxyTests(TipSimulatorFixture tip) : IClassFixture<TipSimulatorFixture>, IDisposable
{
    private static readonly TipLookupRequest Lookup = Request(ObservableCategory.Domain, SimulatorFixtures.PhishingDomain);

    private readonly TipClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_lookup_goes_through_the_chosen_proxy()
    {
        var host = tip.Fresh();
        await using var proxy = new ConnectProxy();

        var outcome = await _harness.LookupAsync(ConnectionTo(host, proxy: new ProxyConnection(proxy.Url, null, null, [])), Lookup);

        Assert.Equal(TipZone.Red, Assert.IsType<TipLookupOutcome.Data>(outcome).Answer.Zone);
        Assert.Equal(1, proxy.Tunnels);
        Assert.Equal(1, host.RequestCount());
    }

    [Fact]
    public async Task Proxy_credentials_are_given_when_the_proxy_asks_for_them_and_never_logged()
    {
        var host = tip.Fresh();
        const string ProxyPassword = "proxy-password-5d1c";
        await using var proxy = new ConnectProxy("proxy-user", ProxyPassword);

        var outcome = await _harness.LookupAsync(ConnectionTo(host, proxy: new ProxyConnection(proxy.Url, "proxy-user", ProxyPassword, [])), Lookup);

        Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(1, proxy.Tunnels);
        _harness.Logs.AssertNoneContain(ProxyPassword);
    }

    [Fact]
    public async Task Wrong_proxy_credentials_fail_with_a_clear_message_and_no_request_reaches_tip()
    {
        var host = tip.Fresh();
        await using var proxy = new ConnectProxy("proxy-user", "the-right-one");

        var outcome = await _harness.LookupAsync(ConnectionTo(host, proxy: new ProxyConnection(proxy.Url, "proxy-user", "a-wrong-one", [])), Lookup);

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal("tip_proxy_authentication_failed", failure.Error.Code);
        Assert.Contains("407", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains(proxy.Url.GetLeftPart(UriPartial.Authority), failure.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("a-wrong-one", failure.Error.Message, StringComparison.Ordinal);
        Assert.True(failure.Error.RevealsConfiguration);
        Assert.Single(failure.Attempts);
        Assert.True(proxy.Refusals >= 1);
        Assert.Equal(0, proxy.Tunnels);
        Assert.Equal(0, host.RequestCount());
    }

    [Theory]
    [InlineData("127.0.0.0/8")]
    [InlineData("127.0.0.1")]
    public async Task A_bypassed_host_goes_direct(string bypass)
    {
        var host = tip.Fresh();
        await using var proxy = new ConnectProxy();

        var outcome = await _harness.LookupAsync(ConnectionTo(host, proxy: new ProxyConnection(proxy.Url, null, null, ["tip.example.com", bypass])), Lookup);

        Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(0, proxy.Tunnels);
        Assert.Equal(1, host.RequestCount());
    }

    [Fact]
    public async Task A_bypass_list_that_does_not_match_still_uses_the_proxy()
    {
        var host = tip.Fresh();
        await using var proxy = new ConnectProxy();

        var outcome = await _harness.LookupAsync(
            ConnectionTo(host, proxy: new ProxyConnection(proxy.Url, null, null, ["*.example.com", "10.0.0.0/8", "<local>"])), Lookup);

        Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(1, proxy.Tunnels);
    }
}
