using System.Net;
using System.Text.Json.Nodes;
using KumaTip.TipSimulator.Data;

namespace KumaTip.IntegrationTests.TipSimulator;

public sealed class LookupTests(SimulatorFixture simulator) : IClassFixture<SimulatorFixture>
{
    private static readonly Dictionary<string, string[]> SectionsByType = new()
    {
        ["hash"] =
        [
            "FileGeneralInfo", "DetectionsInfo", "FileDownloadedFromUrls", "FileAccessedUrls", "FileNames", "FilePaths", "FileCertificates",
            "FileParentCertificates", "FileStartedObjects", "FileStartedBy", "FileDownloadedObjects", "FileDownloadedBy", "Industries", "RelatedObjects",
        ],
        ["ip"] = ["IpGeneralInfo", "IpWhoIs", "IpDnsResolutions", "FilesDownloadedFromIp", "HostedUrls", "Industries", "RelatedObjects"],
        ["domain"] =
        [
            "DomainGeneralInfo", "DomainWhoIsInfo", "DomainDnsResolutions", "FilesDownloaded", "FilesAccessed", "UrlReferrals", "UrlReferredTo",
            "Subdomains", "Industries", "RelatedObjects",
        ],
        ["url"] = ["UrlGeneralInfo", "UrlDomainWhoIs", "DomainDnsResolutions", "UrlReferrals", "UrlReferredTo", "FilesDownloaded", "FilesAccessed", "RelatedObjects"],
    };

    public static TheoryData<string, string> OneOfEachType => new()
    {
        { "hash", SimulatorFixtures.MalwareFile.Sha256 },
        { "hash", SimulatorFixtures.CleanFile.Md5 },
        { "ip", SimulatorFixtures.CleanIp },
        { "ip", "185.220.101.7" },
        { "domain", SimulatorFixtures.PhishingDomain },
        { "domain", "secure-update.net" },
        { "url", SimulatorFixtures.PhishingUrl },
        { "url", "https://files.example.org/download/setup.exe?id=42&lang=en#top" },
    };

    private HttpClient Client => simulator.Client;

    [Theory]
    [MemberData(nameof(OneOfEachType))]
    public async Task Without_sections_every_section_of_the_type_comes_back(string type, string value)
    {
        var answer = await Client.LookupJsonAsync(type, value);

        Assert.Equal(["LicenseInfo", "Zone", .. SectionsByType[type]], answer.Select(property => property.Key));
    }

    [Theory]
    [InlineData("hash", "FileGeneralInfo,DetectionsInfo")]
    [InlineData("ip", "IpWhoIs")]
    [InlineData("domain", "DomainWhoIsInfo,Subdomains,NoSuchSection")]
    [InlineData("url", "UrlGeneralInfo,FilesDownloaded")]
    public async Task Only_the_sections_asked_for_come_back_with_LicenseInfo_and_Zone(string type, string sections)
    {
        var value = OneOfEachType.First(row => (string)row[0] == type)[1]!.ToString()!;

        var answer = await Client.LookupJsonAsync(type, value, sections);

        var expected = sections.Split(',').Where(SectionsByType[type].Contains).Prepend("Zone").Prepend("LicenseInfo");
        Assert.Equal(expected.Order(), answer.Select(property => property.Key).Order());
    }

    [Theory]
    [MemberData(nameof(OneOfEachType))]
    public async Task Count_caps_every_list_except_detections_and_parent_certificates(string type, string value)
    {
        var full = await Client.LookupJsonAsync(type, value);
        var capped = await Client.LookupJsonAsync(type, value, count: 1);

        foreach (var (name, node) in full.Where(property => property.Value is JsonArray))
        {
            var length = node!.AsArray().Count;
            var expected = name is "DetectionsInfo" or "FileParentCertificates" ? length : Math.Min(length, 1);
            Assert.True(expected == capped[name]!.AsArray().Count, $"{name}: {length} items without count, {capped[name]!.AsArray().Count} with count=1");
        }

        Assert.Contains(full, property => property.Value is JsonArray { Count: > 1 });
    }

    [Fact]
    public async Task Detections_are_never_capped()
    {
        var answer = await Client.LookupJsonAsync("hash", SimulatorFixtures.MalwareFile.Md5, "DetectionsInfo", count: 1);

        var detections = answer["DetectionsInfo"]!.AsArray();
        Assert.True(detections.Count > 1, "the malware fixture has several detections");
        Assert.All(detections, detection => Assert.Equal("Red", (string?)detection!["Zone"]));
    }

    [Fact]
    public async Task The_url_from_KUMA_documentation_is_red_phishing()
    {
        var answer = await Client.LookupJsonAsync("url", SimulatorFixtures.PhishingUrl, "UrlGeneralInfo,UrlDomainWhoIs");

        Assert.Equal("Red", (string?)answer["Zone"]);
        var general = answer["UrlGeneralInfo"]!;
        Assert.Equal(SimulatorFixtures.PhishingUrl, (string?)general["Url"]);
        Assert.Equal("dd.daywinners.com", (string?)general["Host"]);
        Assert.Contains("CATEGORY_PHISHING", general["Categories"]!.AsArray().Select(category => (string?)category));
        var withZone = Assert.Single(general["CategoriesWithZone"]!.AsArray())!;
        Assert.Equal(("CATEGORY_PHISHING", "Red"), ((string?)withZone["Name"], (string?)withZone["Zone"]));
        Assert.Equal("daywinners.com", (string?)answer["UrlDomainWhoIs"]!["DomainName"]);
        Assert.NotNull(answer["UrlDomainWhoIs"]!["Registrar"]!["IanaId"]);
    }

    [Theory]
    [InlineData("domain", SimulatorFixtures.PhishingDomain, "Red")]
    [InlineData("domain", SimulatorFixtures.CleanDomain, "Green")]
    [InlineData("ip", SimulatorFixtures.CleanIp, "Green")]
    public async Task Fixtures_have_their_documented_zone(string type, string value, string zone)
    {
        var answer = await Client.LookupJsonAsync(type, value);

        Assert.Equal(zone, (string?)answer["Zone"]);
    }

    [Fact]
    public async Task A_reserved_address_answers_reserved_with_general_info_and_whois_only()
    {
        var answer = await Client.LookupJsonAsync("ip", SimulatorFixtures.ReservedIp, "IpGeneralInfo,IpWhoIs,IpDnsResolutions,HostedUrls");

        Assert.Equal(["LicenseInfo", "Zone", "IpGeneralInfo", "IpWhoIs"], answer.Select(property => property.Key));
        Assert.Equal("reserved", (string?)answer["IpGeneralInfo"]!["Status"]);
        Assert.Equal("10.0.0.0", (string?)answer["IpWhoIs"]!["Net"]!["StartIp"]);
    }

    [Fact]
    public async Task A_file_looked_up_by_md5_sha1_or_sha256_is_the_same_file()
    {
        var file = SimulatorFixtures.EicarFile;

        var answers = await Task.WhenAll(new[] { file.Md5, file.Sha1.ToUpperInvariant(), file.Sha256 }
            .Select(hash => Client.LookupJsonAsync("hash", hash, "FileGeneralInfo,DetectionsInfo,FileNames")));

        foreach (var answer in answers)
        {
            var general = answer["FileGeneralInfo"]!;
            Assert.Equal((file.Md5, file.Sha1, file.Sha256), ((string?)general["Md5"], (string?)general["Sha1"], (string?)general["Sha256"]));
            Assert.Equal(WithoutLicense(answers[0]), WithoutLicense(answer));
        }

        Assert.Equal("EICAR-Test-File", (string?)answers[0]["DetectionsInfo"]![0]!["DetectionName"]);
    }

    [Fact]
    public async Task An_unseen_md5_gets_derived_hashes_that_map_back_to_it()
    {
        const string Md5 = "5d41402abc4b2a76b9719d911017c592";

        var byMd5 = (await Client.LookupJsonAsync("hash", Md5, "FileGeneralInfo"))["FileGeneralInfo"]!;
        var sha256 = (string)byMd5["Sha256"]!;
        var bySha256 = (await Client.LookupJsonAsync("hash", sha256, "FileGeneralInfo"))["FileGeneralInfo"]!;

        Assert.Equal(64, sha256.Length);
        Assert.Equal(Md5, (string?)bySha256["Md5"]);
        Assert.Equal((string?)byMd5["Sha1"], (string?)bySha256["Sha1"]);
    }

    [Fact]
    public async Task The_same_value_gets_the_same_answer_from_another_simulator()
    {
        await using var other = await SimulatorClient.StartAsync();
        using var otherClient = SimulatorClient.Create(other);

        foreach (var (type, value) in OneOfEachType.Select(row => ((string)row[0], (string)row[1])))
        {
            Assert.Equal(WithoutLicense(await Client.LookupJsonAsync(type, value)), WithoutLicense(await otherClient.LookupJsonAsync(type, value)));
        }
    }

    [Fact]
    public async Task Zones_and_categories_vary_over_many_values_and_agree_with_each_other()
    {
        var zones = new Dictionary<string, int>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await Client.LookupAsync("domain", $"host{i}.example.net", "DomainGeneralInfo");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                continue;
            }

            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var zone = (string)answer["Zone"]!;
            zones[zone] = zones.GetValueOrDefault(zone) + 1;
            var categories = answer["DomainGeneralInfo"]!["Categories"]!.AsArray().Select(category => (string)category!).ToList();
            if (zone == "Red")
            {
                Assert.Contains(categories, category => category is "CATEGORY_PHISHING" or "CATEGORY_MALWARE" or "CATEGORY_BOTNET_CNC" or "CATEGORY_RANSOMWARE");
            }
            else if (zone == "Grey")
            {
                Assert.Empty(categories);
            }
        }

        Assert.True(zones.Count >= 4, $"zones seen: {string.Join(", ", zones)}");
    }

    [Theory]
    [InlineData("domain", SimulatorFixtures.UnknownDomain)]
    [InlineData("domain", "deep.sub." + SimulatorFixtures.UnknownDomain)]
    [InlineData("url", SimulatorFixtures.UnknownUrl)]
    [InlineData("ip", SimulatorFixtures.UnknownIp)]
    [InlineData("hash", SimulatorFixtures.UnknownMd5)]
    [InlineData("hash", "0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Objects_it_does_not_know_answer_404(string type, string value)
    {
        using var response = await Client.LookupAsync(type, value);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("hash", "abc")]
    [InlineData("hash", "44d88612fea8a8f36de82e1278abb02")]
    [InlineData("hash", "g4d88612fea8a8f36de82e1278abb02f")]
    [InlineData("ip", "1.2.3")]
    [InlineData("ip", "300.1.1.1")]
    [InlineData("domain", "not a domain")]
    [InlineData("url", "")]
    [InlineData("host", "example.com")]
    public async Task Malformed_values_answer_400(string type, string value)
    {
        using var response = await Client.LookupAsync(type, value);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_url_over_2000_characters_answers_414()
    {
        var url = "http://long.example.com/" + new string('a', 2000);

        using var response = await Client.LookupAsync("url", url);

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task Dates_are_utc_iso_8601()
    {
        var answer = await Client.LookupJsonAsync("domain", SimulatorFixtures.CleanDomain, "DomainWhoIsInfo,FilesDownloaded");

        var created = (string)answer["DomainWhoIsInfo"]!["Created"]!;
        Assert.EndsWith("Z", created, StringComparison.Ordinal);
        Assert.Equal(DateTimeKind.Utc, DateTime.Parse(created, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal).Kind);
    }

    private static string WithoutLicense(JsonObject answer)
    {
        var copy = answer.DeepClone().AsObject();
        copy.Remove("LicenseInfo");
        return copy.ToJsonString();
    }
}
