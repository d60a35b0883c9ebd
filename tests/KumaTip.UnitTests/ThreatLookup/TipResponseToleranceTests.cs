using System.Text.Json;
using KumaTip.Application.ThreatLookup.Tip;
using static KumaTip.UnitTests.ThreatLookup.TipResponseParserTests;

namespace KumaTip.UnitTests.ThreatLookup;

/// <summary>The parser on answers that stray from TIP-API.md: it must read what it can and keep the rest.</summary>
public class TipResponseToleranceTests
{
    [Theory]
    [InlineData("""{"Zone":"Gray"}""", TipZone.Grey)]
    [InlineData("""{"Zone":"red"}""", TipZone.Red)]
    [InlineData("""{"Zone":"GREEN"}""", TipZone.Green)]
    [InlineData("""{"Zone":"Ultraviolet"}""", TipZone.Unknown)]
    [InlineData("""{"Zone":null}""", TipZone.Unknown)]
    [InlineData("""{"Zone":3}""", TipZone.Unknown)]
    [InlineData("""{}""", TipZone.Unknown)]
    public void Zone_is_read_leniently(string json, TipZone expected)
    {
        Assert.Equal(expected, Parse(json).Zone);
    }

    [Fact]
    public void Lower_case_member_and_section_names_are_read()
    {
        var answer = Parse("""{"zone":"orange","licenseinfo":{"dayrequests":5},"domaingeneralinfo":{"domain":"example.com"}}""");

        Assert.Equal(TipZone.Orange, answer.Zone);
        Assert.Equal(5, answer.LicenseInfo!.DayRequests);
        Assert.Equal("example.com", answer.DomainGeneralInfo!.Domain);
        Assert.True(answer.Sections.ContainsKey("DomainGeneralInfo"));
        Assert.Contains("DomainGeneralInfo", answer.SplitSections().Keys);
    }

    [Fact]
    public void Missing_fields_are_null_or_empty()
    {
        var answer = Parse("""{"Zone":"Grey","IpGeneralInfo":{},"IpWhoIs":{"Net":{}},"DomainWhoIsInfo":{}}""");

        var info = answer.IpGeneralInfo!;
        Assert.Null(info.Ip);
        Assert.Null(info.ThreatScore);
        Assert.Null(info.HasApt);
        Assert.Null(info.FirstSeen);
        Assert.Empty(info.Categories);
        Assert.Empty(info.CategoriesWithZone);
        Assert.Null(answer.IpWhoIs!.Net!.StartIp);
        Assert.Empty(answer.IpWhoIs.Asn);
        Assert.Null(answer.DomainWhoIsInfo!.Registrar);
        Assert.Empty(answer.DomainWhoIsInfo.NameServers);
        Assert.Null(answer.LicenseInfo);
        Assert.Null(answer.HasRedZoneRelatedObjects);
    }

    [Fact]
    public void Null_fields_are_treated_as_missing()
    {
        var answer = Parse("""
            {"LicenseInfo":{"AccessType":null,"DayRequests":null,"DayQuota":null,"TokenExpirationDate":null},
             "FileGeneralInfo":{"Md5":null,"Size":null,"Categories":null,"RelatedAptReports":null,"SignerZone":null,"HasApt":null}}
            """);

        Assert.Equal(new TipLicenseInfo(), answer.LicenseInfo);
        var info = answer.FileGeneralInfo!;
        Assert.Null(info.Md5);
        Assert.Null(info.Size);
        Assert.Empty(info.Categories);
        Assert.Empty(info.RelatedAptReports);
        Assert.Equal(TipZone.Unknown, info.SignerZone);
        Assert.Null(info.HasApt);
    }

    [Fact]
    public void Null_sections_are_absent_in_the_typed_model_but_kept_raw()
    {
        var answer = Parse("""{"Zone":"Red","FileGeneralInfo":null,"DetectionsInfo":null}""");

        Assert.Null(answer.FileGeneralInfo);
        Assert.Null(answer.DetectionsInfo);
        Assert.Equal(JsonValueKind.Null, answer.Sections["DetectionsInfo"].ValueKind);
        Assert.Equal("null", answer.SplitSections()["FileGeneralInfo"]);
    }

    [Fact]
    public void Extra_fields_and_unknown_sections_are_kept()
    {
        var answer = Parse("""
            {"Zone":"Yellow",
             "UrlGeneralInfo":{"Url":"example.com/","Host":"example.com","Brand":{"Name":"ExampleBank"},"Categories":["General"]},
             "ThreatActors":[{"Name":"FIN7","Confidence":0.8}],
             "ScanVerdict":"suspicious"}
            """);

        Assert.Equal("example.com", answer.UrlGeneralInfo!.Host);
        Assert.Equal(["General"], answer.UrlGeneralInfo.Categories);
        Assert.Equal("ExampleBank", answer.Sections["UrlGeneralInfo"].GetProperty("Brand").GetProperty("Name").GetString());
        Assert.Equal("FIN7", answer.Sections["ThreatActors"][0].GetProperty("Name").GetString());
        Assert.Equal("suspicious", answer.Sections["ScanVerdict"].GetString());
    }

    [Fact]
    public void Numbers_given_as_strings_and_strings_given_as_numbers_are_read()
    {
        var answer = Parse("""
            {"LicenseInfo":{"DayRequests":"42","DayQuota":"2000"},
             "IpGeneralInfo":{"ThreatScore":"75","HitsCount":"1.5e3","Ip":"10.0.0.1"},
             "IpWhoIs":{"Asn":[{"Number":13335,"Description":"CLOUDFLARENET"}]},
             "FileGeneralInfo":{"Size":1024.0,"HasApt":"true","Md5":12345},
             "DomainWhoIsInfo":{"Registrar":{"Info":"Example","IanaId":1068}}}
            """);

        Assert.Equal(42, answer.LicenseInfo!.DayRequests);
        Assert.Equal(2000, answer.LicenseInfo.DayQuota);
        Assert.Equal(75, answer.IpGeneralInfo!.ThreatScore);
        Assert.Equal(1500, answer.IpGeneralInfo.HitsCount);
        Assert.Equal(new TipAsn("13335", "CLOUDFLARENET"), Assert.Single(answer.IpWhoIs!.Asn));
        Assert.Equal(1024, answer.FileGeneralInfo!.Size);
        Assert.True(answer.FileGeneralInfo.HasApt);
        Assert.Equal("12345", answer.FileGeneralInfo.Md5);
        Assert.Equal("1068", answer.DomainWhoIsInfo!.Registrar!.IanaId);
    }

    [Fact]
    public void Numbers_that_are_not_numbers_are_left_empty()
    {
        var answer = Parse("""{"IpGeneralInfo":{"ThreatScore":"high","HitsCount":{"value":3}}}""");

        Assert.Null(answer.IpGeneralInfo!.ThreatScore);
        Assert.Null(answer.IpGeneralInfo.HitsCount);
    }

    [Fact]
    public void A_single_object_where_a_list_was_expected_is_a_list_of_one()
    {
        var answer = Parse("""
            {"DetectionsInfo":{"DetectionName":"HEUR:Trojan.Win32.Generic","Zone":"Red"},
             "IpWhoIs":{"Asn":{"Origin":"AS15169"},"Contacts":{"Role":"abuse"}},
             "DomainGeneralInfo":{"CategoriesWithZone":{"Name":"CATEGORY_PHISHING","Zone":"Red"},"Categories":"CATEGORY_PHISHING"}}
            """);

        Assert.Equal("HEUR:Trojan.Win32.Generic", Assert.Single(answer.DetectionsInfo!).DetectionName);
        Assert.Equal("AS15169", Assert.Single(answer.IpWhoIs!.Asn).Number);
        Assert.Equal("abuse", Assert.Single(answer.IpWhoIs.Contacts).Role);
        Assert.Equal(new TipCategoryWithZone("CATEGORY_PHISHING", TipZone.Red), Assert.Single(answer.DomainGeneralInfo!.CategoriesWithZone));
        Assert.Equal(["CATEGORY_PHISHING"], answer.DomainGeneralInfo.Categories);
    }

    [Fact]
    public void A_list_where_one_object_was_expected_yields_its_first_object()
    {
        var answer = Parse("""{"UrlGeneralInfo":[{"Url":"a.example/"},{"Url":"b.example/"}]}""");

        Assert.Equal("a.example/", answer.UrlGeneralInfo!.Url);
    }

    [Fact]
    public void Lists_of_plain_strings_and_odd_items_are_read_as_far_as_they_go()
    {
        var answer = Parse("""
            {"HostedUrls":["a.example/x", {"Url":"b.example/y","Zone":"Red"}, null, 7, []],
             "Subdomains":["www.example.com"],
             "DomainDnsResolutions":[{"Ip":"1.2.3.4","Zone":"gray"}, true]}
            """);

        Assert.Equal([new TipUrlWithZone("a.example/x", TipZone.Unknown), new TipUrlWithZone("b.example/y", TipZone.Red)], answer.HostedUrls);
        Assert.Equal(new TipSubdomain("www.example.com", TipZone.Unknown), Assert.Single(answer.Subdomains!));
        Assert.Equal(new TipDomainDnsResolution("1.2.3.4", TipZone.Grey), Assert.Single(answer.DomainDnsResolutions!));
    }

    [Fact]
    public void Ip_whois_range_and_as_number_are_read_under_either_name()
    {
        var answer = Parse("""{"IpWhoIs":{"Net":{"RangeStart":"8.8.8.0","RangeEnd":"8.8.8.255"},"Asn":[{"Number":"AS15169","Description":"GOOGLE"}]}}""");

        Assert.Equal(("8.8.8.0", "8.8.8.255"), (answer.IpWhoIs!.Net!.StartIp, answer.IpWhoIs.Net.EndIp));
        Assert.Equal("AS15169", Assert.Single(answer.IpWhoIs.Asn).Number);
    }

    [Fact]
    public void Registrar_given_as_plain_text_and_address_as_lines_are_read()
    {
        var answer = Parse("""{"UrlDomainWhoIs":{"Registrar":"GoDaddy.com, LLC","Contacts":[{"Address":["1 Main St","Suite 2"]}]}}""");

        Assert.Equal(new TipRegistrar("GoDaddy.com, LLC", null, null), answer.UrlDomainWhoIs!.Registrar);
        Assert.Equal("1 Main St, Suite 2", Assert.Single(answer.UrlDomainWhoIs.Contacts).Address);
    }

    [Fact]
    public void Has_red_zone_is_read_from_related_objects_or_flat()
    {
        Assert.True(Parse("""{"RelatedObjects":{"HasRedZone":"True"}}""").HasRedZoneRelatedObjects);
        Assert.False(Parse("""{"HasRedZoneRelatedObjects":false}""").HasRedZoneRelatedObjects);
        Assert.Null(Parse("""{"RelatedObjects":{}}""").HasRedZoneRelatedObjects);
    }

    [Theory]
    [InlineData("\"2024-05-17T08:01:12Z\"", "2024-05-17T08:01:12+00:00")]
    [InlineData("\"2024-05-17T08:01:12\"", "2024-05-17T08:01:12+00:00")]
    [InlineData("\"2024-05-17 08:01:12\"", "2024-05-17T08:01:12+00:00")]
    [InlineData("\"2024-05-17T11:01:12+03:00\"", "2024-05-17T08:01:12+00:00")]
    [InlineData("\"2024-05-17\"", "2024-05-17T00:00:00+00:00")]
    [InlineData("1715932872", "2024-05-17T08:01:12+00:00")]
    [InlineData("1715932872000", "2024-05-17T08:01:12+00:00")]
    [InlineData("\"1715932872\"", "2024-05-17T08:01:12+00:00")]
    public void Dates_are_read_as_utc(string jsonValue, string expected)
    {
        var date = Parse("""{"FileGeneralInfo":{"FirstSeen":""" + jsonValue + "}}").FileGeneralInfo!.FirstSeen!;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date.Utc);
        Assert.Equal(TimeSpan.Zero, date.Utc!.Value.Offset);
    }

    [Fact]
    public void Dates_that_do_not_parse_are_kept_raw()
    {
        var date = Parse("""{"FileGeneralInfo":{"FirstSeen":"sometime in spring"}}""").FileGeneralInfo!.FirstSeen!;

        Assert.Null(date.Utc);
        Assert.Equal("sometime in spring", date.Raw);
        Assert.Equal("sometime in spring", date.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("{\"Zone\":")]
    [InlineData("{\"Zone\":\"Red\"} trailing")]
    [InlineData("[]")]
    [InlineData("[{\"Zone\":\"Red\"}]")]
    [InlineData("\"Red\"")]
    [InlineData("null")]
    [InlineData("42")]
    public void A_body_that_is_not_a_json_object_is_an_error(string body)
    {
        var result = TipResponseParser.Parse(body);

        Assert.False(result.Succeeded);
        Assert.Equal("invalid_response", result.Error!.Code);
    }

    [Fact]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_forgiven()
    {
        var answer = Parse("\uFEFF{ /* mirror */ \"Zone\": \"Green\", }");

        Assert.Equal(TipZone.Green, answer.Zone);
    }

    [Fact]
    public void The_first_of_duplicated_sections_wins_consistently()
    {
        var answer = Parse("""{"Zone":"Red","zone":"Green"}""");

        Assert.Equal(TipZone.Red, answer.Zone);
        Assert.Equal("Red", answer.Sections["Zone"].GetString());
        Assert.Single(answer.Sections);
    }
}
