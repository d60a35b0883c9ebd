using KumaTip.Application.ThreatLookup.Tip;
using static KumaTip.UnitTests.ThreatLookup.TipAnswerTests;

namespace KumaTip.UnitTests.ThreatLookup;

/// <summary>The answer reader on answers that stray from TIP-API.md: it must read what it can and keep the rest.</summary>
public class TipAnswerToleranceTests
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
        var answer = Parse("""{"zone":"orange","licenseinfo":{"dayrequests":5},"domaingeneralinfo":{"domain":"example.com"},"filegeneralinfo":{"md5":"D41D8CD98F00B204E9800998ECF8427E"}}""");

        Assert.Equal(TipZone.Orange, answer.Zone);
        Assert.Equal(5, answer.LicenseInfo!.DayRequests);
        Assert.Equal(["d41d8cd98f00b204e9800998ecf8427e"], answer.FileHashes);
        Assert.Contains("DomainGeneralInfo", answer.Sections.Keys);
        Assert.Equal("example.com", Json(answer, "domaingeneralinfo").GetProperty("domain").GetString());
    }

    [Fact]
    public void Missing_fields_are_null_or_empty()
    {
        var answer = Parse("""{"Zone":"Grey","LicenseInfo":{},"FileGeneralInfo":{}}""");

        Assert.Equal(new TipLicenseInfo(), answer.LicenseInfo);
        Assert.Empty(answer.FileHashes);
        Assert.Null(Parse("""{"Zone":"Grey"}""").LicenseInfo);
    }

    [Fact]
    public void Null_fields_are_treated_as_missing()
    {
        var answer = Parse("""
            {"LicenseInfo":{"AccessType":null,"DayRequests":null,"DayQuota":null,"TokenExpirationDate":null},
             "FileGeneralInfo":{"Md5":null,"Sha1":null,"Sha256":null}}
            """);

        Assert.Equal(new TipLicenseInfo(), answer.LicenseInfo);
        Assert.Empty(answer.FileHashes);
    }

    [Fact]
    public void Null_sections_are_kept_raw()
    {
        var answer = Parse("""{"Zone":"Red","LicenseInfo":null,"FileGeneralInfo":null,"DetectionsInfo":null}""");

        Assert.Null(answer.LicenseInfo);
        Assert.Empty(answer.FileHashes);
        Assert.Equal("null", answer.Sections["DetectionsInfo"]);
        Assert.Equal("null", answer.Sections["FileGeneralInfo"]);
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

        Assert.Equal("ExampleBank", Json(answer, "UrlGeneralInfo").GetProperty("Brand").GetProperty("Name").GetString());
        Assert.Equal("FIN7", Json(answer, "ThreatActors")[0].GetProperty("Name").GetString());
        Assert.Equal("suspicious", Json(answer, "ScanVerdict").GetString());
    }

    [Fact]
    public void Numbers_given_as_strings_are_read()
    {
        var answer = Parse("""{"LicenseInfo":{"DayRequests":"42","DayQuota":"1.5e3","AccessType":7}}""");

        Assert.Equal(42, answer.LicenseInfo!.DayRequests);
        Assert.Equal(1500, answer.LicenseInfo.DayQuota);
        Assert.Equal("7", answer.LicenseInfo.AccessType);
        Assert.Equal(2000, Parse("""{"LicenseInfo":{"DayQuota":2000.0}}""").LicenseInfo!.DayQuota);
    }

    [Fact]
    public void Numbers_that_are_not_numbers_are_left_empty()
    {
        var answer = Parse("""{"LicenseInfo":{"DayRequests":"many","DayQuota":{"value":3}}}""");

        Assert.Null(answer.LicenseInfo!.DayRequests);
        Assert.Null(answer.LicenseInfo.DayQuota);
    }

    [Fact]
    public void A_list_where_one_object_was_expected_yields_its_first_object()
    {
        var answer = Parse("""
            {"LicenseInfo":[{"DayRequests":1},{"DayRequests":2}],
             "FileGeneralInfo":["x",{"Md5":"d41d8cd98f00b204e9800998ecf8427e"},{"Md5":"44d88612fea8a8f36de82e1278abb02f"}]}
            """);

        Assert.Equal(1, answer.LicenseInfo!.DayRequests);
        Assert.Equal(["d41d8cd98f00b204e9800998ecf8427e"], answer.FileHashes);
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
        var date = Parse("""{"LicenseInfo":{"TokenExpirationDate":""" + jsonValue + "}}").LicenseInfo!.TokenExpirationDate!;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date.Utc);
        Assert.Equal(TimeSpan.Zero, date.Utc!.Value.Offset);
    }

    [Fact]
    public void Dates_that_do_not_parse_are_kept_raw()
    {
        var date = Parse("""{"LicenseInfo":{"TokenExpirationDate":"sometime in spring"}}""").LicenseInfo!.TokenExpirationDate!;

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
        var result = TipAnswer.Parse(body);

        Assert.False(result.Succeeded);
        Assert.Equal("invalid_response", result.Error!.Code);
    }

    [Fact]
    public void Comments_trailing_commas_and_a_byte_order_mark_are_forgiven()
    {
        var answer = Parse("\uFEFF{ /* mirror */ \"Zone\": \"Green\", }");

        Assert.Equal(TipZone.Green, answer.Zone);
        Assert.Equal("\"Green\"", answer.Sections["Zone"]);
    }

    [Fact]
    public void The_first_of_duplicated_sections_wins_consistently()
    {
        var answer = Parse("""{"Zone":"Red","zone":"Green"}""");

        Assert.Equal(TipZone.Red, answer.Zone);
        Assert.Equal("\"Red\"", Assert.Single(answer.Sections).Value);
    }
}
