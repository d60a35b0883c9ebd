using System.Text.Json;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.UnitTests.ThreatLookup;

/// <summary>The answer reader on complete answers: every section kept as sent, and what KumaTip reads from them.</summary>
public class TipAnswerTests
{
    internal static TipAnswer Parse(string json)
    {
        var result = TipAnswer.Parse(json);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    [Fact]
    public void Hash_answer_gives_zone_licence_and_the_three_lower_case_hashes_for_cache_aliases()
    {
        var answer = Parse(TipSampleAnswers.Hash);

        Assert.Equal(TipZone.Red, answer.Zone);
        Assert.Equal(new TipLicenseInfo { AccessType = "Commercial", DayRequests = 17, DayQuota = 2000 }, answer.LicenseInfo);
        Assert.Equal(
            ["44d88612fea8a8f36de82e1278abb02f", "3395856ce81f2b7382dee72602f798b642f14140", "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"],
            answer.FileHashes);
    }

    [Fact]
    public void File_hashes_skip_malformed_ones_and_are_empty_without_any()
    {
        var partial = Parse("""{"FileGeneralInfo":{"Md5":"not-a-hash","Sha1":null,"Sha256":" 275A021BBFB6489E54D471899F7DB9D1663FC695EC2FE2A2C4538AABF651FD0F "}}""");

        Assert.Equal(["275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f"], partial.FileHashes);
        Assert.Empty(Parse("""{"FileGeneralInfo":{"Md5":""}}""").FileHashes);
        Assert.Empty(Parse("""{"FileGeneralInfo":{"Md5":12345}}""").FileHashes);
        Assert.Empty(Parse(TipSampleAnswers.Ip).FileHashes);
    }

    [Fact]
    public void Ip_answer_gives_zone_and_licence_with_its_token_expiry()
    {
        var answer = Parse(TipSampleAnswers.Ip);

        Assert.Equal(TipZone.Orange, answer.Zone);
        Assert.Equal("Trial", answer.LicenseInfo!.AccessType);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 23, 59, 59, TimeSpan.Zero), answer.LicenseInfo.TokenExpirationDate?.Utc);
    }

    [Fact]
    public void Every_section_is_kept_as_sent_under_the_API_spelling()
    {
        var answer = Parse(TipSampleAnswers.Domain);

        Assert.Equal(
            ["Zone", "LicenseInfo", "RelatedObjects", "DomainGeneralInfo", "DomainWhoIsInfo", "DomainDnsResolutions", "FilesDownloaded",
             "FilesAccessed", "UrlReferrals", "UrlReferredTo", "Subdomains", "Industries"],
            answer.Sections.Keys);
        Assert.Equal("\"Red\"", answer.Sections["Zone"]);
        Assert.Equal("daywinners.com", Json(answer, "DomainWhoIsInfo").GetProperty("DomainName").GetString());
        Assert.Equal("NameCheap, Inc.", Json(answer, "DomainWhoIsInfo").GetProperty("Registrar").GetProperty("Info").GetString());
        Assert.Equal("DigiCert Root", Json(Parse(TipSampleAnswers.Hash), "FileParentCertificates")[0].GetProperty("Vendor").GetString());
        Assert.Equal(JsonValueKind.Array, Json(Parse(TipSampleAnswers.Ip), "Industries").ValueKind);
    }

    internal static JsonElement Json(TipAnswer answer, string section)
    {
        using var document = JsonDocument.Parse(answer.Sections[section]);
        return document.RootElement.Clone();
    }
}
