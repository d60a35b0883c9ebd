using KumaTip.Application.Common;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.TipSimulator.Certificates;
using static KumaTip.IntegrationTests.ThreatLookupClient.TipClientHarness;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>"Test connection": one request, and everything the settings page shows about it.</summary>
public sealed class TipConnectionTesterTests(TipSimulatorFixture tip) : IClassFixture<TipSimulatorFixture>, IDisposable
{
    private readonly TipClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_working_connection_shows_the_certificates_the_proxy_hop_and_the_licence()
    {
        var host = tip.Fresh();
        var asked = 0;
        var budget = TipRequestBudgets.From((_, _) =>
        {
            asked++;
            return ValueTask.FromResult(Result.Ok());
        });

        var result = await _harness.Tester.TestAsync(ConnectionTo(host), budget, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Null(result.Error);
        Assert.Equal((true, 200), (result.RequestAttempted, result.StatusCode));
        Assert.Equal(host.Certificates.Client.Subject, result.ClientCertificate!.Subject);
        Assert.Equal(host.Certificates.Client.NotAfterUtc, result.ClientCertificate.NotAfter.UtcDateTime, TimeSpan.FromSeconds(1));
        Assert.Equal(host.Certificates.ServerCertificate.Subject, result.ServerCertificateChain[0].Subject);
        Assert.Equal(host.Certificates.CaCertificate.Subject, result.ServerCertificateChain[^1].Subject);
        Assert.False(result.ProxyUsed);
        Assert.Null(result.Proxy);
        Assert.Equal("Commercial", result.License!.AccessType);
        Assert.Equal(1, result.License.DayRequests);
        Assert.Equal(1_000_000, result.License.DayQuota);
        Assert.Equal(1, asked);
        Assert.Equal(1, host.RequestCount(TipConnectionTester.ProbeDomain));
        Assert.Equal(1, host.RequestCount());
    }

    [Fact]
    public async Task It_works_while_threat_lookup_is_disabled_and_reports_the_proxy_used()
    {
        var host = tip.Fresh();
        await using var proxy = new ConnectProxy();
        var connection = ConnectionTo(host, proxy: new ProxyConnection(proxy.Url, null, null, [])) with { Disabled = true };

        var result = await _harness.Tester.TestAsync(connection, TipRequestBudgets.Unlimited, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.True(result.ProxyUsed);
        Assert.Equal(proxy.Url, result.Proxy);
        Assert.Equal(1, proxy.Tunnels);
    }

    [Fact]
    public async Task A_wrong_password_is_the_reason_and_the_certificates_are_still_shown()
    {
        var host = tip.Fresh();

        var result = await _harness.Tester.TestAsync(ConnectionTo(host, password: "wrong"), TipRequestBudgets.Unlimited, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal((401, "tip_unauthorized"), (result.StatusCode, result.Error!.Code));
        Assert.NotNull(result.ClientCertificate);
        Assert.NotEmpty(result.ServerCertificateChain);
        Assert.Null(result.License);
    }

    [Fact]
    public async Task A_refused_client_certificate_is_the_reason()
    {
        var host = tip.Fresh();
        var foreign = SimulatorCertificates.IssueClientPfxFromForeignCa();

        var result = await _harness.Tester.TestAsync(ConnectionTo(host, foreign), TipRequestBudgets.Unlimited, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("tip_client_certificate_refused", result.Error!.Code);
        Assert.Equal(foreign.Subject, result.ClientCertificate!.Subject);
        Assert.Null(result.StatusCode);
        Assert.Equal(0, host.RequestCount());
    }

    [Fact]
    public async Task An_untrusted_server_shows_the_chain_it_presented()
    {
        var host = tip.Fresh();

        var result = await _harness.Tester.TestAsync(ConnectionTo(host, trustSimulatorCa: false), TipRequestBudgets.Unlimited, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal("tip_server_certificate_untrusted", result.Error!.Code);
        Assert.Equal(host.Certificates.ServerCertificate.Subject, result.ServerCertificateChain[0].Subject);
    }

    [Fact]
    public async Task A_refusing_budget_sends_nothing()
    {
        var host = tip.Fresh();
        var exhausted = new Error("quota_exhausted", "No requests left.", ErrorKind.Conflict);

        var result = await _harness.Tester.TestAsync(ConnectionTo(host), TipRequestBudgets.From((_, _) => ValueTask.FromResult<Result>(exhausted)), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.False(result.RequestAttempted);
        Assert.Equal(exhausted, result.Error);
        Assert.Equal(0, host.RequestCount());
    }
}
