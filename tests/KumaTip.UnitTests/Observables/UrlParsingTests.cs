using KumaTip.Application.Observables;
using static KumaTip.UnitTests.Observables.ParsingAssertions;

namespace KumaTip.UnitTests.Observables;

public class UrlParsingTests
{
    private const string DayWinners = "url:http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe";

    [Theory]
    [InlineData("http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("HXXP://DD.DayWinners[.]com/d/VFZvqeP-V1ffkQ.exe#x", DayWinners)]
    [InlineData("hxxp://dd[.]daywinners[.]com/d/VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("hXXp[:]//dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("http[://]dd.daywinners(.)com/d/VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("HTTP://dd.daywinners.com:80/d/VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("http://user:p4ss@dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("  <http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe>  ", DayWinners)]
    [InlineData("http://dd.daywinners.com/d/x/../VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("//dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", DayWinners)]
    [InlineData("http://dd.daywinners.com\\d\\VFZvqeP-V1ffkQ.exe", DayWinners)]
    public void The_same_URL_pasted_differently_has_one_key(string input, string key)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Url, observable.Type);
        Assert.Equal(key, observable.Key);
        Assert.Equal("url", observable.TipType);
        Assert.Equal(ObservableCategory.Url, observable.Category);
    }

    [Theory]
    [InlineData("https://example.com", "url:https://example.com/")]
    [InlineData("https://example.com/", "url:https://example.com/")]
    [InlineData("https://example.com/?", "url:https://example.com/")]
    [InlineData("hxxps://example[.]com:443/login", "url:https://example.com/login")]
    [InlineData("https://example.com:8443/Login?User=A&b=C", "url:https://example.com:8443/Login?User=A&b=C")]
    [InlineData("http://example.com:443/", "url:http://example.com:443/")]
    [InlineData("http://example.com:/x", "url:http://example.com/x")]
    [InlineData("ftp://files.example.com:21/pub/a.zip", "url:ftp://files.example.com/pub/a.zip")]
    [InlineData("FXP://files.example.com/pub/a.zip", "url:ftp://files.example.com/pub/a.zip")]
    [InlineData("HtTpS://Example.COM/Path/File.EXE?Q=Upper#Fragment", "url:https://example.com/Path/File.EXE?Q=Upper")]
    [InlineData("http://example.com/a b", "url:http://example.com/a%20b")]
    [InlineData("http://example.com/%7euser", "url:http://example.com/~user")]
    [InlineData("http://пример.рф/путь", "url:http://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C")]
    [InlineData("http://[2001:DB8:0:0::1]:8080/x", "url:http://[2001:db8::1]:8080/x")]
    [InlineData("http://[::ffff:8.8.8.8]/x", "url:http://8.8.8.8/x")]
    [InlineData("http://paypal.com@evil.example.net/", "url:http://evil.example.net/")]
    [InlineData("example.com:8080/admin", "url:http://example.com:8080/admin")]
    [InlineData("1.2.3.4/shell.sh", "url:http://1.2.3.4/shell.sh")]
    [InlineData("example.com?id=1", "url:http://example.com/?id=1")]
    public void URLs_are_normalised(string input, string key)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Url, observable.Type);
        Assert.Equal(key, observable.Key);
    }

    [Fact]
    public void An_IDN_URL_is_shown_with_its_Unicode_host()
    {
        var observable = Parsed(ObservableParser.Parse("https://xn--e1afmkfd.xn--p1ai/x"));

        Assert.Equal("https://xn--e1afmkfd.xn--p1ai/x", observable.Value);
        Assert.Equal("https://пример.рф/x", observable.Display);
    }

    [Theory]
    [InlineData("http://")]
    [InlineData("http:///path")]
    [InlineData("https://user@/x")]
    [InlineData("http://:8080/")]
    public void A_URL_without_host_is_refused(string input)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("url_without_host", error.Code);
        Assert.StartsWith("The URL has no host", error.Message);
    }

    [Theory]
    [InlineData("http://example.com:99999/", "the port '99999' is not a number from 1 to 65535")]
    [InlineData("http://example.com:0/", "the port '0' is not a number from 1 to 65535")]
    [InlineData("http://example.com:http/", "the port 'http' is not a number from 1 to 65535")]
    [InlineData("http://999.1.1.1/", "the host '999.1.1.1' is not a valid IPv4 address")]
    [InlineData("http://exa_mple.c0m!/", "the host 'exa_mple.c0m!' is not a valid domain")]
    [InlineData("http://[2001:db8::1/", "'[' is not closed by ']'")]
    [InlineData("http://[2001:db8::zz]/", "is not a valid IPv6 address")]
    public void Invalid_URLs_say_what_is_wrong(string input, string detail)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("invalid_url", error.Code);
        Assert.StartsWith($"'{input}' is not a valid URL: ", error.Message);
        Assert.Contains(detail, error.Message);
    }

    [Theory]
    [InlineData("tcp://1.2.3.4:4444")]
    [InlineData("javascript://alert(1)")]
    [InlineData("file://server/share/x.exe")]
    public void Schemes_the_TIP_does_not_take_are_refused(string input)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("url_scheme_not_supported", error.Code);
        Assert.Contains("http, https and ftp", error.Message);
    }

    [Fact]
    public void A_URL_longer_than_2000_characters_is_refused_before_a_request_is_spent()
    {
        var input = "http://example.com/" + new string('a', 2000);

        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("url_too_long", error.Code);
        Assert.StartsWith("a URL longer than 2000 characters cannot be looked up", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_URL_of_exactly_2000_characters_is_accepted()
    {
        var input = "http://example.com/" + new string('a', 2000 - "http://example.com/".Length);

        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(2000, observable.Value.Length);
    }

    [Fact]
    public void A_huge_pasted_URL_is_refused_as_too_long_without_being_parsed()
    {
        var error = Failed(ObservableParser.Parse("https://example.com/?q=" + new string('x', 1_000_000)));

        Assert.Equal("url_too_long", error.Code);
        Assert.True(error.Message.Length < 200);
    }

    [Fact]
    public void The_fragment_is_dropped_but_a_long_one_does_not_make_the_URL_too_long()
    {
        var observable = Parsed(ObservableParser.Parse("http://example.com/x#" + new string('f', 3000)));

        Assert.Equal("url:http://example.com/x", observable.Key);
    }

    [Fact]
    public void A_host_name_expected_as_a_URL_gets_http()
    {
        var observable = Parsed(ObservableParser.Parse("example.com", ObservableType.Url));

        Assert.Equal("url:http://example.com/", observable.Key);
    }

    [Fact]
    public void Credentials_in_a_URL_never_reach_the_value_sent_to_the_TIP()
    {
        var observable = Parsed(ObservableParser.Parse("ftp://admin:Secr3t!@files.example.com/a.zip"));

        Assert.DoesNotContain("Secr3t", observable.Value);
        Assert.DoesNotContain("Secr3t", observable.Display);
        Assert.DoesNotContain("admin", observable.Key);
    }
}
