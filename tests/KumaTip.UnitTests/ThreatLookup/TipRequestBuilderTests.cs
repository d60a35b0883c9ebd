using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.UnitTests.ThreatLookup;

public class TipRequestBuilderTests
{
    private static readonly Uri Tip = new("https://tip.kaspersky.com");

    private static Uri Build(ObservableCategory type, string value, IEnumerable<string>? sections = null, int? count = null, Uri? baseUrl = null)
    {
        var result = TipRequestBuilder.Build(baseUrl ?? Tip, type, value, sections ?? [], count);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }

    [Fact]
    public void Seed_url_becomes_one_fully_encoded_path_segment()
    {
        var uri = Build(ObservableCategory.Url, "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", ["UrlGeneralInfo", "UrlDomainWhoIs"], 100);

        const string expected = "https://tip.kaspersky.com/api/url/http%3A%2F%2Fdd.daywinners.com%2Fd%2FVFZvqeP-V1ffkQ.exe"
            + "?sections=UrlGeneralInfo,UrlDomainWhoIs,LicenseInfo,Zone&count=100&format=json";
        Assert.Equal(expected, uri.AbsoluteUri);
        Assert.Equal(expected, uri.OriginalString);
        Assert.Equal(expected, uri.ToString());
        // What HttpClient puts on the request line: %2F must not turn back into a path separator.
        Assert.StartsWith("/api/url/http%3A%2F%2Fdd.daywinners.com%2Fd%2FVFZvqeP-V1ffkQ.exe?", uri.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(4, uri.Segments.Length); // "/", "api/", "url/", the value
    }

    [Theory]
    [InlineData(ObservableCategory.Hash, "44d88612fea8a8f36de82e1278abb02f", "https://tip.kaspersky.com/api/hash/44d88612fea8a8f36de82e1278abb02f?sections=FileGeneralInfo,LicenseInfo,Zone&format=json", "FileGeneralInfo")]
    [InlineData(ObservableCategory.Ip, "185.220.101.4", "https://tip.kaspersky.com/api/ip/185.220.101.4?sections=IpGeneralInfo,LicenseInfo,Zone&format=json", "IpGeneralInfo")]
    [InlineData(ObservableCategory.Ip, "2001:db8::1", "https://tip.kaspersky.com/api/ip/2001%3Adb8%3A%3A1?sections=IpGeneralInfo,LicenseInfo,Zone&format=json", "IpGeneralInfo")]
    [InlineData(ObservableCategory.Domain, "daywinners.com", "https://tip.kaspersky.com/api/domain/daywinners.com?sections=DomainGeneralInfo,LicenseInfo,Zone&format=json", "DomainGeneralInfo")]
    [InlineData(ObservableCategory.Url, "example.com/a", "https://tip.kaspersky.com/api/url/example.com%2Fa?sections=UrlGeneralInfo,LicenseInfo,Zone&format=json", "UrlGeneralInfo")]
    public void Each_type_has_its_path(ObservableCategory type, string value, string expected, string section)
    {
        Assert.Equal(expected, Build(type, value, [section]).AbsoluteUri);
    }

    [Fact]
    public void Reserved_characters_percent_and_plus_are_all_encoded()
    {
        var uri = Build(ObservableCategory.Url, "https://user:pw@host.example/p a+th?q=1&r=%41#frag");

        Assert.Equal(
            "/api/url/https%3A%2F%2Fuser%3Apw%40host.example%2Fp%20a%2Bth%3Fq%3D1%26r%3D%2541%23frag",
            uri.AbsolutePath);
        Assert.Equal("?sections=LicenseInfo,Zone&format=json", uri.Query);
        Assert.Equal("", uri.Fragment);
    }

    [Fact]
    public void Unicode_values_are_sent_as_utf8_percent_encoding()
    {
        var domain = Build(ObservableCategory.Domain, "пример.рф");
        var url = Build(ObservableCategory.Url, "http://bücher.example/straße é");

        Assert.Equal("/api/domain/%D0%BF%D1%80%D0%B8%D0%BC%D0%B5%D1%80.%D1%80%D1%84", domain.AbsolutePath);
        Assert.Equal("/api/url/http%3A%2F%2Fb%C3%BCcher.example%2Fstra%C3%9Fe%20%C3%A9", url.AbsolutePath);
        Assert.DoesNotContain(url.AbsoluteUri, c => c > 127 || c == ' ');
    }

    [Fact]
    public void Backslash_is_encoded_and_not_turned_into_a_slash()
    {
        var uri = Build(ObservableCategory.Url, @"http://host\path");

        Assert.Equal("/api/url/http%3A%2F%2Fhost%5Cpath", uri.AbsolutePath);
    }

    [Theory]
    [InlineData("https://tip.kaspersky.com")]
    [InlineData("https://tip.kaspersky.com/")]
    [InlineData("https://tip.kaspersky.com//")]
    public void Base_url_with_or_without_trailing_slash_gives_the_same_request(string baseUrl)
    {
        var uri = Build(ObservableCategory.Domain, "example.com", baseUrl: new Uri(baseUrl));

        Assert.Equal("https://tip.kaspersky.com/api/domain/example.com?sections=LicenseInfo,Zone&format=json", uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://mirror.corp.local/tip/")]
    [InlineData("https://mirror.corp.local/tip")]
    public void Base_url_with_a_path_prefix_keeps_it(string baseUrl)
    {
        var uri = Build(ObservableCategory.Url, "a/b", baseUrl: new Uri(baseUrl));

        Assert.Equal("https://mirror.corp.local/tip/api/url/a%2Fb?sections=LicenseInfo,Zone&format=json", uri.AbsoluteUri);
    }

    [Fact]
    public void Base_url_port_is_kept_while_its_credentials_query_and_fragment_are_dropped()
    {
        var uri = Build(ObservableCategory.Ip, "127.0.0.1", baseUrl: new Uri("http://admin:secret@127.0.0.1:5099/sim/?x=1#y"));

        Assert.Equal("http://127.0.0.1:5099/sim/api/ip/127.0.0.1?sections=LicenseInfo,Zone&format=json", uri.AbsoluteUri);
        Assert.DoesNotContain("secret", uri.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_are_deduplicated_and_always_end_with_license_info_and_zone()
    {
        var uri = Build(ObservableCategory.Hash, new string('a', 64), ["Zone", "DetectionsInfo", "FileGeneralInfo", "DetectionsInfo", "LicenseInfo"]);

        Assert.Equal("?sections=DetectionsInfo,FileGeneralInfo,LicenseInfo,Zone&format=json", uri.Query);
    }

    [Fact]
    public void Count_is_sent_when_given()
    {
        Assert.Contains("&count=1&format=json", Build(ObservableCategory.Ip, "8.8.8.8", count: 1).Query, StringComparison.Ordinal);
        Assert.Contains("&count=1000&format=json", Build(ObservableCategory.Ip, "8.8.8.8", count: 1000).Query, StringComparison.Ordinal);
        Assert.DoesNotContain("count", Build(ObservableCategory.Ip, "8.8.8.8").Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1001)]
    public void Count_outside_1_to_1000_is_refused(int count)
    {
        var result = TipRequestBuilder.Build(Tip, ObservableCategory.Ip, "8.8.8.8", [], count);

        Assert.Equal("invalid_count", result.Error?.Code);
    }

    [Fact]
    public void Url_of_2000_characters_is_accepted_and_2001_refused()
    {
        var atLimit = "http://example.com/" + new string('a', 2000 - "http://example.com/".Length);
        var overLimit = atLimit + "b";

        Assert.True(TipRequestBuilder.Build(Tip, ObservableCategory.Url, atLimit, [], null).Succeeded);
        var refused = TipRequestBuilder.Build(Tip, ObservableCategory.Url, overLimit, [], null);
        Assert.Equal("url_too_long", refused.Error?.Code);
        Assert.Contains("2001", refused.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("2000", refused.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("44d88612fea8a8f36de82e1278abb02f")]
    [InlineData("44D88612FEA8A8F36DE82E1278ABB02F")]
    [InlineData("3395856ce81f2b7382dee72602f798b642f14140")]
    [InlineData("275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f")]
    public void Md5_sha1_and_sha256_are_accepted(string hash)
    {
        Assert.True(TipRequestBuilder.Build(Tip, ObservableCategory.Hash, hash, ["FileGeneralInfo"], null).Succeeded);
    }

    [Theory]
    [InlineData("44d88612fea8a8f36de82e1278abb02")]
    [InlineData("44d88612fea8a8f36de82e1278abb02fa")]
    [InlineData("g4d88612fea8a8f36de82e1278abb02f")]
    [InlineData(" 44d88612fea8a8f36de82e1278abb02f")]
    [InlineData("example.com")]
    public void Malformed_hash_is_refused(string hash)
    {
        var result = TipRequestBuilder.Build(Tip, ObservableCategory.Hash, hash, [], null);

        Assert.Equal("invalid_hash", result.Error?.Code);
        Assert.Equal("value", result.Error!.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_value_is_refused(string value)
    {
        Assert.Equal("empty_value", TipRequestBuilder.Build(Tip, ObservableCategory.Domain, value, [], null).Error?.Code);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public void Dot_segments_are_refused_because_they_would_change_the_path(string value)
    {
        Assert.Equal("invalid_value", TipRequestBuilder.Build(Tip, ObservableCategory.Domain, value, [], null).Error?.Code);
    }

    [Fact]
    public void Data_group_of_another_type_is_refused_with_the_valid_ones_listed()
    {
        var result = TipRequestBuilder.Build(Tip, ObservableCategory.Ip, "8.8.8.8", ["IpGeneralInfo", "DomainWhoIsInfo"], null);

        Assert.Equal("unknown_data_group", result.Error?.Code);
        Assert.Contains("'DomainWhoIsInfo'", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("IpWhoIs", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://tip.kaspersky.com")]
    [InlineData("/relative/path")]
    public void Base_url_that_is_not_absolute_http_is_refused(string baseUrl)
    {
        var result = TipRequestBuilder.Build(new Uri(baseUrl, UriKind.RelativeOrAbsolute), ObservableCategory.Domain, "example.com", [], null);

        Assert.Equal("invalid_base_url", result.Error?.Code);
    }
}
