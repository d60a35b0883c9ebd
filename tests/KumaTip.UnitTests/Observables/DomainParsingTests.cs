using KumaTip.Application.Observables;
using static KumaTip.UnitTests.Observables.ParsingAssertions;

namespace KumaTip.UnitTests.Observables;

public class DomainParsingTests
{
    [Theory]
    [InlineData("example.com", "domain:example.com", "example.com")]
    [InlineData("  Example.COM  ", "domain:example.com", "example.com")]
    [InlineData("example.com.", "domain:example.com", "example.com")]
    [InlineData("WWW.Example.Com", "domain:www.example.com", "www.example.com")]
    [InlineData("example[.]com", "domain:example.com", "example.com")]
    [InlineData("dd(.)daywinners(.)com", "domain:dd.daywinners.com", "dd.daywinners.com")]
    [InlineData("dd[dot]daywinners[dot]com", "domain:dd.daywinners.com", "dd.daywinners.com")]
    [InlineData("dd{.}daywinners{.}com", "domain:dd.daywinners.com", "dd.daywinners.com")]
    [InlineData("example [.] com", "domain:example.com", "example.com")]
    [InlineData("example.com:8080", "domain:example.com", "example.com")]
    [InlineData("пример.рф", "domain:xn--e1afmkfd.xn--p1ai", "пример.рф")]
    [InlineData("ПРИМЕР.РФ", "domain:xn--e1afmkfd.xn--p1ai", "пример.рф")]
    [InlineData("xn--e1afmkfd.xn--p1ai", "domain:xn--e1afmkfd.xn--p1ai", "пример.рф")]
    [InlineData("XN--E1AFMKFD.XN--P1AI", "domain:xn--e1afmkfd.xn--p1ai", "пример.рф")]
    [InlineData("bücher.de", "domain:xn--bcher-kva.de", "bücher.de")]
    [InlineData("例え。テスト", "domain:xn--r8jz45g.xn--zckzah", "例え.テスト")]
    [InlineData("_dmarc.example.com", "domain:_dmarc.example.com", "_dmarc.example.com")]
    [InlineData("a-b.c-d.example", "domain:a-b.c-d.example", "a-b.c-d.example")]
    [InlineData("xn--80ak6aa92e.com", "domain:xn--80ak6aa92e.com", "аррӏе.com")]
    public void Domains_are_lower_case_punycode_and_shown_in_Unicode(string input, string key, string display)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Domain, observable.Type);
        Assert.Equal(key, observable.Key);
        Assert.Equal(display, observable.Display);
        Assert.Equal("domain", observable.TipType);
        Assert.Equal(ObservableCategory.Domain, observable.Category);
    }

    [Fact]
    public void The_same_IDN_written_in_Unicode_and_in_punycode_is_one_object()
    {
        var unicode = Parsed(ObservableParser.Parse("пример.рф"));
        var punycode = Parsed(ObservableParser.Parse("xn--e1afmkfd.xn--p1ai"));

        Assert.Equal(unicode, punycode);
    }

    [Theory]
    [InlineData("a..b.com", "empty label")]
    [InlineData("-evil.com", "the label '-evil' starts or ends with a hyphen")]
    [InlineData("evil-.com", "the label 'evil-' starts or ends with a hyphen")]
    [InlineData("example.123", "the top-level domain '123' is all digits")]
    [InlineData("exa$mple.com", "'$' is not allowed in a domain name")]
    [InlineData("example.c_m", "the top-level domain 'c_m' has an underscore")]
    [InlineData("xn--zzzz.com", "not valid punycode")]
    public void Invalid_domains_say_what_is_wrong(string input, string detail)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("invalid_domain", error.Code);
        Assert.StartsWith($"'{input}' is not a valid domain: ", error.Message);
        Assert.Contains(detail, error.Message);
    }

    [Fact]
    public void A_label_longer_than_63_characters_is_refused()
    {
        var input = new string('a', 64) + ".com";

        var error = Failed(ObservableParser.Parse(input));

        Assert.Contains("64 characters long, at most 63", error.Message);
    }

    [Fact]
    public void A_name_longer_than_253_characters_is_refused()
    {
        var input = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com";

        var error = Failed(ObservableParser.Parse(input));

        Assert.Contains("at most 253 are allowed", error.Message);
    }

    [Fact]
    public void A_name_of_exactly_253_characters_is_accepted()
    {
        var input = string.Join('.', Enumerable.Repeat(new string('a', 62), 4)) + ".com";
        Assert.Equal(255, input.Length);
        input = input[2..];

        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(253, observable.Value.Length);
    }

    [Theory]
    [InlineData("hello world")]
    [InlineData("C:\\Windows\\System32")]
    [InlineData("user:secret")]
    public void Text_that_is_no_observable_at_all_is_called_unrecognised(string input)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("observable_unrecognised", error.Code);
        Assert.Contains($"'{input}' is not a domain, URL, IP address or MD5, SHA1 or SHA256 hash", error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    public void Nothing_entered_asks_for_a_value(string? input)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("observable_required", error.Code);
    }

    [Fact]
    public void A_URL_expected_as_a_domain_is_refused_saying_it_is_a_URL()
    {
        var error = Failed(ObservableParser.Parse("https://example.com/login", ObservableType.Domain));

        Assert.Equal("type_mismatch", error.Code);
        Assert.Equal("'https://example.com/login' is a URL, not a domain.", error.Message);
    }
}
