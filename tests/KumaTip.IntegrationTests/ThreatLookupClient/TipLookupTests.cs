using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.TipSimulator.Certificates;
using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Faults;
using static KumaTip.IntegrationTests.ThreatLookupClient.TipClientHarness;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>Lookups over real mutual TLS against the simulator: what comes back, and how refusals read.</summary>
public sealed class TipLookupTests(TipSimulatorFixture tip) : IClassFixture<TipSimulatorFixture>, IDisposable
{
    private readonly TipClientHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task The_documentation_url_comes_back_red_phishing_with_the_sections_asked_for()
    {
        var host = tip.Fresh();

        var outcome = await _harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Url, SimulatorFixtures.PhishingUrl, "UrlGeneralInfo"));

        var data = Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(TipZone.Red, data.Answer.Zone);
        Assert.Equal(["CATEGORY_PHISHING"], Section(data, "UrlGeneralInfo").GetProperty("Categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("dd.daywinners.com", Section(data, "UrlGeneralInfo").GetProperty("Host").GetString());
        Assert.False(data.Answer.Sections.ContainsKey("UrlDomainWhoIs"));
        Assert.NotNull(data.Answer.LicenseInfo);
        Assert.Equal(1, host.RequestCount(SimulatorFixtures.PhishingUrl));
        Assert.Equal(1, outcome.RequestsSent);
    }

    [Fact]
    public async Task A_hash_lookup_returns_the_file_and_its_detections()
    {
        var host = tip.Fresh();

        var outcome = await _harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Hash, SimulatorFixtures.EicarFile.Md5, "FileGeneralInfo", "DetectionsInfo"));

        var data = Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(TipZone.Red, data.Answer.Zone);
        Assert.Equal(SimulatorFixtures.EicarFile.Sha256, Section(data, "FileGeneralInfo").GetProperty("Sha256").GetString());
        Assert.Contains(SimulatorFixtures.EicarFile.Sha256.ToLowerInvariant(), data.Answer.FileHashes);
        Assert.Contains(Section(data, "DetectionsInfo").EnumerateArray(), detection => detection.GetProperty("DetectionName").GetString() == "EICAR-Test-File");
        Assert.False(data.Answer.Sections.ContainsKey("FileNames"));
    }

    [Fact]
    public async Task An_ip_lookup_returns_general_information_and_whois()
    {
        var host = tip.Fresh();

        var outcome = await _harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Ip, SimulatorFixtures.CleanIp, "IpGeneralInfo", "IpWhoIs"));

        var data = Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(TipZone.Green, data.Answer.Zone);
        Assert.Equal("US", Section(data, "IpGeneralInfo").GetProperty("CountryCode").GetString());
        Assert.Contains("GOOGLE", Section(data, "IpWhoIs").GetProperty("Asn").GetRawText(), StringComparison.Ordinal);
        Assert.False(data.Answer.Sections.ContainsKey("IpDnsResolutions"));
    }

    [Fact]
    public async Task A_domain_lookup_returns_the_sections_asked_for_capped_by_count()
    {
        var host = tip.Fresh();

        var outcome = await _harness.LookupAsync(
            ConnectionTo(host),
            new TipLookupRequest(ObservableCategory.Domain, SimulatorFixtures.PhishingDomain, ["DomainGeneralInfo", "Subdomains", "DomainDnsResolutions"], Count: 2));

        var data = Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(TipZone.Red, data.Answer.Zone);
        Assert.Contains("CATEGORY_PHISHING", Section(data, "DomainGeneralInfo").GetProperty("Categories").EnumerateArray().Select(c => c.GetString()));
        Assert.InRange(Section(data, "DomainDnsResolutions").GetArrayLength(), 1, 2);
        Assert.False(data.Answer.Sections.ContainsKey("DomainWhoIsInfo"));
    }

    [Fact]
    public async Task An_unknown_object_is_no_information_not_an_error()
    {
        var host = tip.Fresh();

        var outcome = await _harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Domain, SimulatorFixtures.UnknownDomain));

        Assert.IsType<TipLookupOutcome.NotFound>(outcome);
        Assert.Null(outcome.Failure);
        Assert.Equal(1, host.RequestCount(SimulatorFixtures.UnknownDomain));
    }

    [Fact]
    public async Task What_tip_would_refuse_is_refused_locally_without_a_request()
    {
        var host = tip.Fresh();
        var longUrl = "http://example.com/" + new string('a', 2000);

        var badHash = await _harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Hash, "not-a-hash"));
        var tooLong = await _harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Url, longUrl));
        var unknownGroup = await _harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Ip, SimulatorFixtures.CleanIp, "ipgeneralinfo"));
        var disabled = await _harness.LookupAsync(ConnectionTo(host) with { Disabled = true }, Request(ObservableCategory.Ip, SimulatorFixtures.CleanIp));

        Assert.Equal("invalid_hash", Assert.IsType<TipLookupOutcome.Refused>(badHash).Error.Code);
        Assert.Equal("url_too_long", Assert.IsType<TipLookupOutcome.Refused>(tooLong).Error.Code);
        Assert.Equal("unknown_data_group", Assert.IsType<TipLookupOutcome.Refused>(unknownGroup).Error.Code);
        Assert.Equal("threat_lookup_disabled", Assert.IsType<TipLookupOutcome.Refused>(disabled).Error.Code);
        Assert.Equal(0, host.RequestCount());
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_mentions_the_terms_and_is_not_logged()
    {
        var host = tip.Fresh();
        const string WrongPassword = "wrong-password-3f9a";

        var outcome = await _harness.LookupAsync(ConnectionTo(host, password: WrongPassword), Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain));

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal(401, failure.StatusCode);
        Assert.Equal("tip_unauthorized", failure.Error.Code);
        Assert.Contains("Wrong user or password", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Terms and Conditions", failure.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongPassword, failure.Error.Message, StringComparison.Ordinal);
        _harness.Logs.AssertNoneContain(WrongPassword);
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused_with_a_clear_error()
    {
        var host = tip.Fresh();
        var foreign = SimulatorCertificates.IssueClientPfxFromForeignCa();

        var outcome = await _harness.LookupAsync(ConnectionTo(host, foreign), Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain));

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal("tip_client_certificate_refused", failure.Error.Code);
        Assert.StartsWith("The TIP server refused the client certificate", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("Some Other CA", failure.Error.Message, StringComparison.Ordinal);
        Assert.True(failure.Error.RevealsConfiguration);
        Assert.Single(failure.Attempts);
        Assert.Equal(0, host.RequestCount());
        _harness.Logs.AssertNoneContain(foreign.Password);
    }

    [Fact]
    public async Task Without_a_client_certificate_the_connection_is_refused_with_a_clear_error()
    {
        var host = tip.Fresh();

        var outcome = await _harness.LookupAsync(ConnectionTo(host, noCertificate: true), Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain));

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal("tip_client_certificate_refused", failure.Error.Code);
        Assert.Contains("holds no client certificate", failure.Error.Message, StringComparison.Ordinal);
        Assert.True(failure.Error.RevealsConfiguration);
        Assert.Single(failure.Attempts);
        Assert.Equal(0, host.RequestCount());
    }

    [Fact]
    public async Task A_server_certificate_outside_the_system_store_and_the_extra_ca_is_not_trusted()
    {
        var host = tip.Fresh();

        var outcome = await _harness.LookupAsync(ConnectionTo(host, trustSimulatorCa: false), Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain));

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal("tip_server_certificate_untrusted", failure.Error.Code);
        Assert.StartsWith("The TIP server's certificate is not trusted (", failure.Error.Message, StringComparison.Ordinal);
        Assert.True(failure.Error.RevealsConfiguration);
        Assert.Single(failure.Attempts);
        Assert.Equal(0, host.RequestCount());
    }

    [Fact]
    public async Task A_pfx_that_cannot_be_opened_is_reported_without_sending_or_revealing_anything()
    {
        var host = tip.Fresh();
        var connection = ConnectionTo(host) with { PfxPassword = "not-the-pfx-password-77" };

        var outcome = await _harness.LookupAsync(connection, Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain));

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal("tip_pfx_unreadable", failure.Error.Code);
        Assert.DoesNotContain("not-the-pfx-password-77", failure.Error.Message, StringComparison.Ordinal);
        Assert.True(failure.Error.RevealsConfiguration);
        Assert.Equal(0, host.RequestCount());
    }

    [Fact]
    public async Task An_expired_client_certificate_is_reported_without_spending_a_request()
    {
        var host = tip.Fresh();
        var expired = host.Certificates.IssueClientPfx(notBefore: DateTimeOffset.UtcNow.AddYears(-2), notAfter: DateTimeOffset.UtcNow.AddDays(-1));
        var spent = 0;

        var outcome = await _harness.LookupAsync(
            ConnectionTo(host, expired),
            Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain),
            TipRequestBudgets.From((_, _) => { spent++; return ValueTask.FromResult(KumaTip.Application.Common.Result.Ok()); }));

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal("tip_client_certificate_expired", failure.Error.Code);
        Assert.True(failure.Error.RevealsConfiguration);
        Assert.Equal(0, spent);
        Assert.Equal(0, host.RequestCount());
    }

    [Fact]
    public async Task An_answer_over_the_size_limit_fails_for_good_after_one_counted_request()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { HugeAnswerNext = 1 };
        var spent = 0;

        var outcome = await _harness.LookupAsync(
            ConnectionTo(host),
            Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain),
            TipRequestBudgets.From((_, _) => { spent++; return ValueTask.FromResult(KumaTip.Application.Common.Result.Ok()); }));

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal("tip_answer_too_large", failure.Error.Code);
        Assert.Contains("larger than the 32 MiB", failure.Error.Message, StringComparison.Ordinal);
        Assert.False(failure.Error.RevealsConfiguration);
        Assert.Equal(200, failure.StatusCode);
        Assert.Equal(1, outcome.RequestsSent);
        Assert.Equal(1, spent);
        Assert.Equal(1, host.RequestCount());
    }

    [Fact]
    public async Task The_answer_size_limit_is_configurable_and_answers_within_it_are_read()
    {
        var host = tip.Fresh();
        using var harness = new TipClientHarness(options => options.MaxAnswerBytes = 64 * 1024);
        host.Faults = new FaultSettings { HugeAnswerNext = 1, HugeAnswerBytes = 64 * 1024 + 1 };

        var tooLarge = await harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain));
        var usual = await harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain, "DomainGeneralInfo"));

        Assert.Equal("tip_answer_too_large", Assert.IsType<TipLookupOutcome.PermanentFailure>(tooLarge).Error.Code);
        Assert.IsType<TipLookupOutcome.Data>(usual);
    }

    [Fact]
    public async Task Every_attempt_is_logged_with_type_value_status_and_duration_and_no_secret()
    {
        var host = tip.Fresh();
        var connection = ConnectionTo(host);

        await _harness.LookupAsync(connection, Request(ObservableCategory.Domain, SimulatorFixtures.CleanDomain));

        var line = Assert.Single(_harness.Logs.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("attempt 1", StringComparison.Ordinal));
        Assert.Contains($"Domain lookup of {SimulatorFixtures.CleanDomain}: attempt 1 200 in ", line, StringComparison.Ordinal);
        _harness.Logs.AssertNoneContain(host.Password);
        _harness.Logs.AssertNoneContain(host.Certificates.ClientPfxPassword);
        Assert.DoesNotContain(host.Password, connection.ToString(), StringComparison.Ordinal);
    }
}
