using System.Net;
using System.Text.Json.Nodes;
using KumaTip.TipSimulator.Certificates;
using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace KumaTip.IntegrationTests.TipSimulator;

public sealed class AccessTests
{
    [Fact]
    public async Task Without_a_client_certificate_the_handshake_fails()
    {
        await using var host = await SimulatorClient.StartAsync();
        using var client = SimulatorClient.Create(host, certificate: null);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.LookupAsync("domain", SimulatorFixtures.CleanDomain));
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_fails_the_handshake()
    {
        await using var host = await SimulatorClient.StartAsync();
        using var client = SimulatorClient.Create(host, SimulatorCertificates.IssueClientPfxFromForeignCa());

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.LookupAsync("domain", SimulatorFixtures.CleanDomain));
        Assert.Equal(0, host.RequestCount());
    }

    [Fact]
    public async Task An_expired_client_certificate_from_the_right_ca_fails_the_handshake()
    {
        await using var host = await SimulatorClient.StartAsync();
        var expired = host.Certificates.IssueClientPfx(notBefore: DateTimeOffset.UtcNow.AddYears(-2), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        using var client = SimulatorClient.Create(host, expired);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.LookupAsync("domain", SimulatorFixtures.CleanDomain));
    }

    [Fact]
    public async Task A_renewed_client_certificate_from_the_same_ca_is_accepted()
    {
        await using var host = await SimulatorClient.StartAsync();
        var renewed = host.Certificates.IssueClientPfx("renewed-client");
        using var client = SimulatorClient.Create(host, renewed);

        using var response = await client.LookupAsync("domain", SimulatorFixtures.CleanDomain);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(host.Certificates.Client.Thumbprint, renewed.Thumbprint);
    }

    [Fact]
    public async Task A_wrong_password_answers_401_with_a_basic_challenge()
    {
        await using var host = await SimulatorClient.StartAsync();
        using var client = SimulatorClient.Create(host, host.Certificates.Client, host.UserName, "not-the-password");

        using var response = await client.LookupAsync("domain", SimulatorFixtures.CleanDomain);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal(1, host.RequestCount(SimulatorFixtures.CleanDomain));
    }

    [Fact]
    public async Task A_user_who_has_not_accepted_the_terms_gets_401_and_the_other_user_gets_data()
    {
        await using var host = await SimulatorClient.StartAsync(options =>
        {
            options.Accounts.Add(new SimulatorAccount("analyst", "analyst-password"));
            options.Accounts.Add(new SimulatorAccount("newcomer", "newcomer-password"));
            options.UsersWithoutAcceptedTerms.Add("newcomer");
        });
        using var newcomer = SimulatorClient.Create(host, host.Certificates.Client, "newcomer", "newcomer-password");
        using var analyst = SimulatorClient.Create(host, host.Certificates.Client, "analyst", "analyst-password");

        using var refused = await newcomer.LookupAsync("domain", SimulatorFixtures.CleanDomain);
        using var accepted = await analyst.LookupAsync("domain", SimulatorFixtures.CleanDomain);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Terms", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task An_account_without_api_access_gets_403()
    {
        await using var host = await SimulatorClient.StartAsync(options => options.UsersWithoutApiAccess.Add(SimulatorOptions.DefaultUserName));
        using var client = SimulatorClient.Create(host);

        using var response = await client.LookupAsync("domain", SimulatorFixtures.CleanDomain);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_day_quota_is_counted_in_LicenseInfo_and_exhausted_with_403()
    {
        await using var host = await SimulatorClient.StartAsync(options => (options.DayQuota, options.AccessType) = (2, "Trial"));
        using var client = SimulatorClient.Create(host);

        var first = await client.LookupJsonAsync("domain", SimulatorFixtures.CleanDomain, "DomainGeneralInfo");
        var second = await client.LookupJsonAsync("ip", SimulatorFixtures.CleanIp, "IpGeneralInfo");
        using var third = await client.LookupAsync("url", SimulatorFixtures.PhishingUrl);

        Assert.Equal((1, 2, "Trial"), ((int)first["LicenseInfo"]!["DayRequests"]!, (int)first["LicenseInfo"]!["DayQuota"]!, (string?)first["LicenseInfo"]!["AccessType"]));
        Assert.Equal(2, (int)second["LicenseInfo"]!["DayRequests"]!);
        Assert.Null(second["LicenseInfo"]!["TokenExpirationDate"]);
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        Assert.Equal(3, host.RequestCount());
    }

    [Fact]
    public async Task The_day_counter_starts_again_at_utc_midnight()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 23, 59, 0, TimeSpan.Zero));
        await using var host = await SimulatorClient.StartAsync(options => (options.DayQuota, options.TimeProvider) = (1, clock));
        using var client = SimulatorClient.Create(host);

        using var before = await client.LookupAsync("domain", SimulatorFixtures.CleanDomain);
        using var exhausted = await client.LookupAsync("domain", SimulatorFixtures.CleanDomain);
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterMidnight = await client.LookupJsonAsync("domain", SimulatorFixtures.CleanDomain);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, exhausted.StatusCode);
        Assert.Equal(1, (int)afterMidnight["LicenseInfo"]!["DayRequests"]!);
    }

    [Fact]
    public async Task A_percent_encoded_url_reaches_the_simulator_as_one_value()
    {
        await using var host = await SimulatorClient.StartAsync();
        using var client = SimulatorClient.Create(host);
        const string Url = "https://user@shop.example.org:8443/a/c?x=1&y=%20#frag";

        var answer = await client.LookupJsonAsync("url", Url, "UrlGeneralInfo");

        Assert.Equal(Url, (string?)answer["UrlGeneralInfo"]!["Url"]);
        Assert.Equal("shop.example.org", (string?)answer["UrlGeneralInfo"]!["Host"]);
        Assert.Equal(1, host.RequestCount(Url));
        Assert.IsType<JsonArray>(answer["UrlGeneralInfo"]!["Categories"]);
    }
}
