using System.Text.Json;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.UnitTests.ThreatLookup;

/// <summary>The parser on complete answers of each lookup type.</summary>
public class TipResponseParserTests
{
    internal static TipResponse Parse(string json)
    {
        var result = TipResponseParser.Parse(json);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Hash_answer()
    {
        var answer = Parse(TipSampleAnswers.Hash);

        Assert.Equal(TipZone.Red, answer.Zone);
        Assert.Equal(new TipLicenseInfo { AccessType = "Commercial", DayRequests = 17, DayQuota = 2000 }, answer.LicenseInfo);
        Assert.True(answer.HasRedZoneRelatedObjects);

        var info = answer.FileGeneralInfo!;
        Assert.Equal("44D88612FEA8A8F36DE82E1278ABB02F", info.Md5);
        Assert.Equal(Utc(2012, 2, 4, 13, 52), info.FirstSeen?.Utc);
        Assert.Equal(Utc(2024, 5, 17, 8, 1, 12).AddMilliseconds(345), info.LastSeen?.Utc);
        Assert.Equal(TipZone.Grey, info.SignerZone);
        Assert.Equal("NotSigned", info.SignerStatus);
        Assert.Equal(68, info.Size);
        Assert.Equal("COM", info.Type);
        Assert.Equal(100000, info.HitsCount);
        Assert.Equal("Malware", info.FileStatus);
        Assert.Equal(["CATEGORY_MALWARE"], info.Categories);
        Assert.False(info.HasApt);
        Assert.Empty(info.RelatedAptReports);

        var detection = Assert.Single(answer.DetectionsInfo!);
        Assert.Equal("EICAR-Test-File", detection.DetectionName);
        Assert.Equal("SignatureDetect", detection.DetectionMethod);
        Assert.Equal(TipZone.Red, detection.Zone);
        Assert.Equal(Utc(2024, 5, 17), detection.LastDetectDate?.Utc);
        Assert.Equal("https://threats.kaspersky.com/en/threat/EICAR-Test-File/", detection.DescriptionUrl);

        var downloadedFrom = Assert.Single(answer.FileDownloadedFromUrls!);
        Assert.Equal(("secure.eicar.org/eicar.com", "eicar.org", TipZone.Yellow), (downloadedFrom.Url, downloadedFrom.Domain, downloadedFrom.Zone));
        Assert.Equal(Utc(2024, 4, 30, 10), downloadedFrom.LastDownloadDate?.Utc);
        Assert.Equal(TipZone.Green, Assert.Single(answer.FileAccessedUrls!).Zone);
        Assert.Equal([new TipFileName("eicar.com", 5000), new TipFileName("eicar.txt", 1200)], answer.FileNames);
        Assert.Equal(new TipFilePath("%temp%\\", "Temp", 300), Assert.Single(answer.FilePaths!));

        var certificate = Assert.Single(answer.FileCertificates!);
        Assert.Equal(("DigiCert", "Example Corp", "0A1B2C3D"), (certificate.Vendor, certificate.Publisher, certificate.SerialNumber));
        Assert.Equal(Utc(2022, 6, 1), certificate.Expires?.Utc);
        Assert.Equal(Utc(2019, 6, 1), certificate.Issued?.Utc);
        Assert.Equal(Utc(2020, 1, 1), certificate.TimeStamp?.Utc);

        // Sections without a published shape are kept raw for a generic rendering.
        Assert.Equal("DigiCert Root", answer.Sections["FileParentCertificates"][0].GetProperty("Vendor").GetString());
        Assert.Equal(JsonValueKind.Array, answer.Sections["Industries"].ValueKind);
        Assert.Equal(JsonValueKind.Array, answer.Sections["FileDownloadedBy"].ValueKind);

        Assert.Null(answer.IpGeneralInfo);
        Assert.Null(answer.UrlReferrals);
    }

    [Fact]
    public void Hash_answer_gives_the_three_lower_case_hashes_for_cache_aliases()
    {
        var hashes = Parse(TipSampleAnswers.Hash).GetFileHashes();

        Assert.Equal(
            new TipFileHashes(
                "44d88612fea8a8f36de82e1278abb02f",
                "3395856ce81f2b7382dee72602f798b642f14140",
                "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"),
            hashes);
        Assert.Equal(3, hashes!.All.Count());
    }

    [Fact]
    public void File_hashes_skip_malformed_ones_and_are_null_without_any()
    {
        var partial = Parse("""{"FileGeneralInfo":{"Md5":"not-a-hash","Sha1":null,"Sha256":" 275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F "}}""");

        Assert.Equal(new TipFileHashes(null, null, "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"), partial.GetFileHashes());
        Assert.Null(Parse("""{"FileGeneralInfo":{"Md5":""}}""").GetFileHashes());
        Assert.Null(Parse(TipSampleAnswers.Ip).GetFileHashes());
    }

    [Fact]
    public void Ip_answer()
    {
        var answer = Parse(TipSampleAnswers.Ip);

        Assert.Equal(TipZone.Orange, answer.Zone);
        Assert.Equal("Trial", answer.LicenseInfo!.AccessType);
        Assert.Equal(Utc(2026, 1, 31, 23, 59, 59), answer.LicenseInfo.TokenExpirationDate?.Utc);
        Assert.False(answer.HasRedZoneRelatedObjects);

        var info = answer.IpGeneralInfo!;
        Assert.Equal(("185.220.101.4", "known", "DE"), (info.Ip, info.Status, info.CountryCode));
        Assert.Equal(Utc(2019, 3, 1), info.FirstSeen?.Utc);
        Assert.Equal(4321, info.HitsCount);
        Assert.Equal(62, info.ThreatScore);
        Assert.Equal(["CATEGORY_BOTNET_CNC", "CATEGORY_TOR"], info.Categories);
        Assert.Equal([new("CATEGORY_BOTNET_CNC", TipZone.Red), new("CATEGORY_TOR", TipZone.Orange)], info.CategoriesWithZone);
        Assert.True(info.HasApt);
        Assert.Equal(new TipAptReport("Lazarus targets ...", "a1b2c3"), Assert.Single(info.RelatedAptReports));

        var whois = answer.IpWhoIs!;
        Assert.Equal(("185.220.101.0", "185.220.101.255", "TOR-EXIT", "Tor exit nodes"), (whois.Net!.StartIp, whois.Net.EndIp, whois.Net.Name, whois.Net.Description));
        Assert.Equal(Utc(2017, 6, 8), whois.Net.Created?.Utc);
        Assert.Equal(Utc(2021, 1, 1), whois.Net.Changed?.Utc);
        Assert.Equal(new TipAsn("AS60729", "ZWIEBELFREUNDE"), Assert.Single(whois.Asn));
        var contact = Assert.Single(whois.Contacts);
        Assert.Equal(("abuse", "Abuse Desk", "ORG-ZE1-RIPE", "abuse@example.org", "+49 30 0000000", "Berlin, Germany"),
            (contact.Role, contact.Name, contact.OrganizationId, contact.Email, contact.Phone, contact.Address));

        var resolution = Assert.Single(answer.IpDnsResolutions!);
        Assert.Equal("tor-exit.example.org", resolution.Domain);
        Assert.Equal(["CATEGORY_TOR"], resolution.Categories);
        Assert.Equal(("44d88612fea8a8f36de82e1278abb02f", TipZone.Red), (answer.FilesDownloadedFromIp![0].Md5, answer.FilesDownloadedFromIp[0].Zone));
        Assert.Equal("185.220.101.4/login.php", Assert.Single(answer.HostedUrls!).Url);
    }

    [Fact]
    public void Domain_answer()
    {
        var answer = Parse(TipSampleAnswers.Domain);

        Assert.Equal(TipZone.Red, answer.Zone);
        var info = answer.DomainGeneralInfo!;
        Assert.Equal(("daywinners.com", 12L, 40L, 9000L, 3L), (info.Domain, info.FilesCount, info.UrlsCount, info.HitsCount, info.Ipv4Count));
        Assert.Equal(["CATEGORY_MALWARE", "CATEGORY_PHISHING"], info.CategoriesWithZone.Select(c => c.Name));

        var whois = answer.DomainWhoIsInfo!;
        Assert.Equal("daywinners.com", whois.DomainName);
        Assert.Equal(Utc(2015, 2, 10, 18, 23, 41), whois.Created?.Utc);
        Assert.Equal(Utc(2023, 2, 11, 8), whois.Updated?.Utc);
        Assert.Equal(Utc(2025, 2, 10, 18, 23, 41), whois.Expires?.Utc);
        Assert.Equal(["ns1.example-dns.com", "ns2.example-dns.com"], whois.NameServers);
        Assert.Equal(["clientTransferProhibited"], whois.DomainStatus);
        Assert.Equal(new TipRegistrar("NameCheap, Inc.", "1068", "abuse@namecheap.com"), whois.Registrar);
        Assert.Equal("Privacy service provided by Withheld for Privacy ehf", whois.RegistrationOrganization);
        Assert.Equal(
            new TipDomainContact
            {
                ContactType = "registrant",
                Name = "Redacted for Privacy",
                Organization = "Privacy service",
                Address = "Kalkofnsvegur 2",
                City = "Reykjavik",
                State = "Capital Region",
                PostalCode = "101",
                CountryCode = "IS",
                Email = "contact@withheldforprivacy.com",
                Phone = "+354.4212434",
                Fax = "",
            },
            Assert.Single(whois.Contacts));

        Assert.Equal(new TipDomainDnsResolution("104.21.55.2", TipZone.Grey), Assert.Single(answer.DomainDnsResolutions!));
        var file = Assert.Single(answer.FilesDownloaded!);
        Assert.Equal(("0123456789abcdef0123456789abcdef", TipZone.Red, "dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe"), (file.Md5, file.Zone, file.Url));
        Assert.Equal(Utc(2023, 1, 1), file.FirstSeen?.Utc);
        Assert.Equal(Utc(2023, 2, 1), file.LastSeen?.Utc);
        Assert.Empty(answer.FilesAccessed!);
        Assert.Equal(new TipUrlWithZone("ads.example.com/r", TipZone.Yellow), Assert.Single(answer.UrlReferrals!));
        Assert.Equal(new TipUrlWithZone("dd.daywinners.com/d/", TipZone.Red), Assert.Single(answer.UrlReferredTo!));
        Assert.Equal(new TipSubdomain("dd.daywinners.com", TipZone.Red), Assert.Single(answer.Subdomains!));
    }

    [Fact]
    public void Url_answer()
    {
        var answer = Parse(TipSampleAnswers.Url);

        Assert.Equal(TipZone.Red, answer.Zone);
        Assert.Null(answer.HasRedZoneRelatedObjects);
        var info = answer.UrlGeneralInfo!;
        Assert.Equal(("dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", "dd.daywinners.com", 2L, 1L), (info.Url, info.Host, info.Ipv4Count, info.FilesCount));
        Assert.Equal(["CATEGORY_MALWARE"], info.Categories);
        Assert.Equal(new TipCategoryWithZone("CATEGORY_MALWARE", TipZone.Red), Assert.Single(info.CategoriesWithZone));
        Assert.Equal(["clientTransferProhibited", "clientUpdateProhibited"], answer.UrlDomainWhoIs!.DomainStatus);
        Assert.Equal("NameCheap, Inc.", answer.UrlDomainWhoIs.Registrar?.Info);
        Assert.Equal(2, answer.DomainDnsResolutions!.Count);
        Assert.Empty(answer.UrlReferrals!);
        Assert.Null(answer.DomainWhoIsInfo);
    }

    [Fact]
    public void Raw_json_and_every_section_are_kept()
    {
        var answer = Parse(TipSampleAnswers.Domain);

        Assert.Same(TipSampleAnswers.Domain, answer.RawJson);
        Assert.Equal(
            ["Zone", "LicenseInfo", "RelatedObjects", "DomainGeneralInfo", "DomainWhoIsInfo", "DomainDnsResolutions", "FilesDownloaded",
             "FilesAccessed", "UrlReferrals", "UrlReferredTo", "Subdomains", "Industries"],
            answer.Sections.Keys);
        Assert.Equal("Red", answer.Sections["Zone"].GetString());
    }

    [Fact]
    public void Sections_outlive_the_parse()
    {
        // The parser's JsonDocument is disposed by now: reading a section that was not detached would throw.
        var answer = Parse(TipSampleAnswers.Ip);

        Assert.Equal("185.220.101.4", answer.Sections["IpGeneralInfo"].GetProperty("Ip").GetString());
    }
}
