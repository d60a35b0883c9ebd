using KumaTip.Application.Observables;
using static KumaTip.UnitTests.Observables.ParsingAssertions;

namespace KumaTip.UnitTests.Observables;

public class IpParsingTests
{
    [Theory]
    [InlineData("8.8.8.8", "ip:8.8.8.8")]
    [InlineData("  8.8.8.8  ", "ip:8.8.8.8")]
    [InlineData("1.2.3[.]4", "ip:1.2.3.4")]
    [InlineData("1[.]2[.]3[.]4", "ip:1.2.3.4")]
    [InlineData("1(.)2(.)3(.)4", "ip:1.2.3.4")]
    [InlineData("1[dot]2[DOT]3{.}4", "ip:1.2.3.4")]
    [InlineData("008.008.008.008", "ip:8.8.8.8")]
    [InlineData("185.220.101.4:443", "ip:185.220.101.4")]
    [InlineData("255.255.255.254", "ip:255.255.255.254")]
    public void IPv4_addresses_are_normalised(string input, string key)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Ipv4, observable.Type);
        Assert.Equal(key, observable.Key);
        Assert.Equal("ip", observable.TipType);
        Assert.Equal(ObservableCategory.Ip, observable.Category);
    }

    [Theory]
    [InlineData("999.1.1.1", "'999.1.1.1' is not a valid IPv4 address: 999 is greater than 255")]
    [InlineData("256.0.0.1", "'256.0.0.1' is not a valid IPv4 address: 256 is greater than 255")]
    [InlineData("1.2.3", "'1.2.3' is not a valid IPv4 address: 3 parts, expected 4")]
    [InlineData("1.2.3.4.5", "'1.2.3.4.5' is not a valid IPv4 address: 5 parts, expected 4")]
    [InlineData("1..3.4", "'1..3.4' is not a valid IPv4 address: a part is empty")]
    [InlineData("1.2.3.0004", "'1.2.3.0004' is not a valid IPv4 address: '0004' has more than 3 digits")]
    public void Invalid_IPv4_addresses_say_what_is_wrong(string input, string message)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("invalid_ipv4", error.Code);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("2001:db8:85a3::8a2e:370:7334", "ip:2001:db8:85a3::8a2e:370:7334")]
    [InlineData("2001:0DB8:85A3:0000:0000:8A2E:0370:7334", "ip:2001:db8:85a3::8a2e:370:7334")]
    [InlineData("2a00:1450:4001:0828:0000:0000:0000:200e", "ip:2a00:1450:4001:828::200e")]
    [InlineData("2A00:1450:4001:828::200E", "ip:2a00:1450:4001:828::200e")]
    [InlineData("[2a00:1450:4001:828::200e]", "ip:2a00:1450:4001:828::200e")]
    [InlineData("[2a00:1450:4001:828::200e]:443", "ip:2a00:1450:4001:828::200e")]
    [InlineData("2a00:1450:4001:828:0:0:0:200e", "ip:2a00:1450:4001:828::200e")]
    [InlineData("2a00:1450::1.2.3.4", "ip:2a00:1450::102:304")]
    [InlineData("fe80::1%eth0", "ip:fe80::1")]
    [InlineData("2a00:1450:4001:828::200e ", "ip:2a00:1450:4001:828::200e")]
    public void IPv6_addresses_in_any_notation_get_the_canonical_compressed_form(string input, string key)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Ipv6, observable.Type);
        Assert.Equal(key, observable.Key);
        Assert.Equal("ip", observable.TipType);
    }

    [Theory]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("::FFFF:8.8.8.8")]
    [InlineData("[::ffff:8.8.8.8]")]
    [InlineData("0:0:0:0:0:ffff:808:808")]
    public void An_IPv4_mapped_IPv6_address_is_the_IPv4_address(string input)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Ipv4, observable.Type);
        Assert.Equal("ip:8.8.8.8", observable.Key);
    }

    [Theory]
    [InlineData("2001:db8::g")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1::2::3")]
    [InlineData("12345::1")]
    [InlineData("[2001:db8::1")]
    public void Invalid_IPv6_addresses_are_refused(string input)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("invalid_ipv6", error.Code);
        Assert.StartsWith($"'{input}' is not a valid IPv6 address", error.Message);
    }

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("192.168.1.0/24")]
    [InlineData("2001:db8::/32")]
    public void A_network_range_is_refused_with_a_reason(string input)
    {
        var error = Failed(ObservableParser.Parse(input));

        Assert.Equal("network_range", error.Code);
    }

    [Theory]
    [InlineData("http://1.2.3.4", "url:http://1.2.3.4/")]
    [InlineData("https://1.2.3.4/", "url:https://1.2.3.4/")]
    [InlineData("hxxp://1.2.3[.]4/x", "url:http://1.2.3.4/x")]
    public void An_IP_written_with_a_scheme_is_a_URL(string input, string key)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Url, observable.Type);
        Assert.Equal(key, observable.Key);
        Assert.Equal("url", observable.TipType);
    }

    [Fact]
    public void An_IPv6_address_expected_as_IPv4_is_refused_saying_what_it_is()
    {
        var error = Failed(ObservableParser.Parse("2001:db8::1", ObservableType.Ipv4));

        Assert.Equal("type_mismatch", error.Code);
        Assert.Equal("'2001:db8::1' is an IPv6 address, not an IPv4 address.", error.Message);
    }
}
