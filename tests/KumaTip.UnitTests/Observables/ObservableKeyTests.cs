using KumaTip.Application.Observables;
using static KumaTip.UnitTests.Observables.ParsingAssertions;

namespace KumaTip.UnitTests.Observables;

public class ObservableKeyTests
{
    [Theory]
    [InlineData("ip:1.2.3.4")]
    [InlineData("ip:2001:db8::1")]
    [InlineData("domain:xn--e1afmkfd.xn--p1ai")]
    [InlineData("url:http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe")]
    [InlineData("url:https://example.com:8443/a?b=C")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void A_key_parses_back_to_the_observable_it_came_from(string key)
    {
        var observable = Parsed(Observable.ParseKey(key));

        Assert.Equal(key, observable.Key);
        Assert.Equal(key, observable.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1.2.3.4")]
    [InlineData("host:example.com")]
    [InlineData("ip:example.com")]
    [InlineData(":1.2.3.4")]
    public void Something_that_is_not_a_key_is_refused(string? key)
    {
        var error = Failed(Observable.ParseKey(key));

        Assert.Equal("invalid_observable_key", error.Code);
    }

    [Fact]
    public void A_key_with_a_value_of_the_wrong_type_is_refused()
    {
        Assert.False(Observable.ParseKey("md5:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").Succeeded);
    }

    [Theory]
    [InlineData("8.8.8.8", ObservableType.Ipv4, "ip:8.8.8.8")]
    [InlineData("2001:db8::1", ObservableType.Ipv6, "ip:2001:db8::1")]
    [InlineData("::ffff:8.8.8.8", ObservableType.Ipv6, "ip:8.8.8.8")]
    [InlineData("example[.]com", ObservableType.Domain, "domain:example.com")]
    [InlineData("hxxp://example[.]com", ObservableType.Url, "url:http://example.com/")]
    [InlineData("1.2.3.4", ObservableType.Url, "url:http://1.2.3.4/")]
    [InlineData("D41D8CD98F00B204E9800998ECF8427E", ObservableType.Md5, "md5:d41d8cd98f00b204e9800998ecf8427e")]
    public void A_value_of_the_expected_type_is_parsed(string input, ObservableType expected, string key)
    {
        var observable = Parsed(ObservableParser.Parse(input, expected));

        Assert.Equal(key, observable.Key);
    }

    [Theory]
    [InlineData("example.com", ObservableType.Ipv4, "'example.com' is a domain, not an IPv4 address.")]
    [InlineData("8.8.8.8", ObservableType.Domain, "'8.8.8.8' is an IPv4 address, not a domain.")]
    [InlineData("https://example.com/", ObservableType.Md5, "'https://example.com/' is a URL, not an MD5 hash.")]
    [InlineData("8.8.8.8", ObservableType.Ipv6, "'8.8.8.8' is an IPv4 address, not an IPv6 address.")]
    public void A_value_of_another_type_than_expected_is_refused_saying_what_it_is(string input, ObservableType expected, string message)
    {
        var error = Failed(ObservableParser.Parse(input, expected));

        Assert.Equal("type_mismatch", error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData(ObservableType.Ipv4, ObservableCategory.Ip, "ip")]
    [InlineData(ObservableType.Ipv6, ObservableCategory.Ip, "ip")]
    [InlineData(ObservableType.Domain, ObservableCategory.Domain, "domain")]
    [InlineData(ObservableType.Url, ObservableCategory.Url, "url")]
    [InlineData(ObservableType.Md5, ObservableCategory.Hash, "hash")]
    [InlineData(ObservableType.Sha1, ObservableCategory.Hash, "hash")]
    [InlineData(ObservableType.Sha256, ObservableCategory.Hash, "hash")]
    public void Every_type_maps_to_the_TIP_path_type(ObservableType type, ObservableCategory category, string tipType)
    {
        Assert.Equal(category, Observable.CategoryOf(type));
        Assert.Equal(tipType, category.TipName());
    }

    [Theory]
    [InlineData("hash", ObservableCategory.Hash)]
    [InlineData("IP", ObservableCategory.Ip)]
    [InlineData("domain", ObservableCategory.Domain)]
    [InlineData("url", ObservableCategory.Url)]
    public void TIP_type_names_read_back(string segment, ObservableCategory expected)
    {
        Assert.True(ObservableCategories.TryParse(segment, out var type));
        Assert.Equal(expected, type);
        Assert.Equal(segment.ToLowerInvariant(), type.TipName());
    }

    [Fact]
    public void Host_is_not_a_lookup_type()
    {
        Assert.False(ObservableCategories.TryParse("host", out _));
    }

    [Theory]
    [InlineData("8.8.8.8", null, "ip:8.8.8.8")]
    [InlineData("8.8.8.8", " ", "ip:8.8.8.8")]
    [InlineData("8.8.8.8", "ip", "ip:8.8.8.8")]
    [InlineData("2001:db8::1", "IP", "ip:2001:db8::1")]
    [InlineData("D41D8CD98F00B204E9800998ECF8427E", "hash", "md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("d41d8cd98f00b204e9800998ecf8427e", "md5", "md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("example[.]com", "domain", "domain:example.com")]
    [InlineData("example.com/x", "url", "url:http://example.com/x")]
    [InlineData("8.8.8.8", "Ipv4", "ip:8.8.8.8")]
    public void A_value_and_the_type_a_link_or_the_API_names_parse_to_the_observable(string value, string? type, string key)
    {
        Assert.Equal(key, Parsed(ObservableParser.Parse(value, type)).Key);
    }

    [Theory]
    [InlineData("8.8.8.8", "host", "Unknown type 'host': use hash, ip, domain or url (or md5, sha1, sha256, ipv4, ipv6).")]
    [InlineData("8.8.8.8", "1", "Unknown type '1': use hash, ip, domain or url (or md5, sha1, sha256, ipv4, ipv6).")]
    [InlineData("example.com", "ip", "'example.com' is a domain, not a ip.")]
    [InlineData("8.8.8.8", "HASH", "'8.8.8.8' is a ip, not a hash.")]
    public void An_unknown_type_or_a_value_of_another_TIP_type_is_refused_naming_the_type_field(string value, string type, string message)
    {
        var error = Failed(ObservableParser.Parse(value, type));

        Assert.Equal(("validation_failed", "type", message), (error.Code, error.Field, error.Message));
    }

    [Fact]
    public void A_value_of_another_exact_type_than_named_keeps_its_own_error()
    {
        Assert.Equal("type_mismatch", Failed(ObservableParser.Parse("8.8.8.8", "md5")).Code);
        Assert.Equal("observable_required", Failed(ObservableParser.Parse(" ", "domain")).Code);
    }

    [Fact]
    public void A_long_input_is_quoted_shortened_in_the_error()
    {
        var error = Failed(ObservableParser.Parse("not a " + new string('x', 5000)));

        Assert.True(error.Message.Length < 200, error.Message);
        Assert.Contains("…", error.Message);
    }
}
