using KumaTip.Application.Observables;
using static KumaTip.UnitTests.Observables.ParsingAssertions;

namespace KumaTip.UnitTests.Observables;

public class ReservedObservableTests
{
    [Theory]
    [InlineData("0.0.0.0", "this_network", "0.0.0.0/8")]
    [InlineData("0.255.1.1", "this_network", "0.0.0.0/8")]
    [InlineData("10.0.0.1", "private_network", "10.0.0.0/8")]
    [InlineData("10.255.255.255", "private_network", "10.0.0.0/8")]
    [InlineData("100.64.0.1", "shared_address_space", "100.64.0.0/10")]
    [InlineData("100.127.255.255", "shared_address_space", "100.64.0.0/10")]
    [InlineData("127.0.0.1", "loopback", "127.0.0.0/8")]
    [InlineData("127.8.8.8", "loopback", "127.0.0.0/8")]
    [InlineData("169.254.169.254", "link_local", "169.254.0.0/16")]
    [InlineData("172.16.0.1", "private_network", "172.16.0.0/12")]
    [InlineData("172.31.255.255", "private_network", "172.16.0.0/12")]
    [InlineData("192.0.0.8", "ietf_protocol_assignments", "192.0.0.0/24")]
    [InlineData("192.0.2.10", "documentation", "192.0.2.0/24")]
    [InlineData("192.168.1.1", "private_network", "192.168.0.0/16")]
    [InlineData("198.18.0.1", "benchmarking", "198.18.0.0/15")]
    [InlineData("198.19.255.255", "benchmarking", "198.18.0.0/15")]
    [InlineData("198.51.100.7", "documentation", "198.51.100.0/24")]
    [InlineData("203.0.113.99", "documentation", "203.0.113.0/24")]
    [InlineData("224.0.0.251", "multicast", "224.0.0.0/4")]
    [InlineData("239.255.255.250", "multicast", "224.0.0.0/4")]
    [InlineData("240.0.0.1", "reserved", "240.0.0.0/4")]
    [InlineData("255.255.255.255", "broadcast", "255.255.255.255")]
    [InlineData("::", "unspecified", "::")]
    [InlineData("::1", "loopback", "::1")]
    [InlineData("0:0:0:0:0:0:0:1", "loopback", "::1")]
    [InlineData("fc00::1", "unique_local", "fc00::/7")]
    [InlineData("fd12:3456:789a::1", "unique_local", "fc00::/7")]
    [InlineData("fe80::1ff:fe23:4567:890a", "link_local", "fe80::/10")]
    [InlineData("febf::1", "link_local", "fe80::/10")]
    [InlineData("ff02::1", "multicast", "ff00::/8")]
    [InlineData("2001:db8::1", "documentation", "2001:db8::/32")]
    [InlineData("2001:0DB8:ffff::1", "documentation", "2001:db8::/32")]
    [InlineData("::ffff:192.168.0.1", "private_network", "192.168.0.0/16")]
    [InlineData("::ffff:127.0.0.1", "loopback", "127.0.0.0/8")]
    public void Private_and_reserved_addresses_are_recognised(string input, string code, string range)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.True(observable.IsPrivateOrReserved);
        Assert.Equal(code, observable.ReservedReason!.Code);
        Assert.Equal(range, observable.ReservedReason.Range);
        Assert.StartsWith(range + " is ", observable.ReservedReason.Description);
    }

    [Theory]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("169.253.0.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.1")]
    [InlineData("192.0.3.1")]
    [InlineData("192.169.0.1")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("198.51.101.1")]
    [InlineData("203.0.114.1")]
    [InlineData("223.255.255.255")]
    [InlineData("8.8.8.8")]
    [InlineData("2001:db9::1")]
    [InlineData("2a00:1450:4001:828::200e")]
    [InlineData("fec0::1")]
    [InlineData("::2")]
    [InlineData("::ffff:8.8.8.8")]
    public void Public_addresses_next_to_the_reserved_blocks_are_not_reserved(string input)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.False(observable.IsPrivateOrReserved, observable.ReservedReason?.Description);
    }

    [Theory]
    [InlineData("localhost", "local_name", "localhost")]
    [InlineData("LOCALHOST.", "local_name", "localhost")]
    [InlineData("app.localhost", "local_name", "*.localhost")]
    [InlineData("printer.local", "local_name", "*.local")]
    [InlineData("db.corp.internal", "local_name", "*.internal")]
    [InlineData("nas.lan", "local_name", "*.lan")]
    [InlineData("router.home.arpa", "local_name", "*.home.arpa")]
    [InlineData("www.test", "special_use_name", "*.test")]
    [InlineData("fileserver", "single_label", "fileserver")]
    [InlineData("FILESERVER:445", "single_label", "fileserver")]
    public void Local_and_special_use_names_are_recognised(string input, string code, string range)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Domain, observable.Type);
        Assert.Equal(code, observable.ReservedReason?.Code);
        Assert.Equal(range, observable.ReservedReason!.Range);
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("local.example.com")]
    [InlineData("notlocal")]
    [InlineData("mylan.com")]
    [InlineData("localhost.com")]
    [InlineData("internal.net")]
    public void Public_names_resembling_local_ones_are_not_reserved(string input)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        if (input.Contains('.'))
        {
            Assert.False(observable.IsPrivateOrReserved, observable.ReservedReason?.Description);
        }
        else
        {
            Assert.Equal("single_label", observable.ReservedReason?.Code);
        }
    }

    [Theory]
    [InlineData("http://192.168.0.10/admin", "private_network")]
    [InlineData("http://[::1]:8080/", "loopback")]
    [InlineData("http://[::ffff:10.1.2.3]/", "private_network")]
    [InlineData("https://intranet/login", "single_label")]
    [InlineData("https://nas.home.arpa/", "local_name")]
    [InlineData("http://localhost:5000/api", "local_name")]
    public void A_URL_on_a_reserved_host_is_reserved(string input, string code)
    {
        var observable = Parsed(ObservableParser.Parse(input));

        Assert.Equal(ObservableType.Url, observable.Type);
        Assert.Equal(code, observable.ReservedReason?.Code);
    }

    [Fact]
    public void A_URL_on_a_public_host_is_not_reserved()
    {
        var observable = Parsed(ObservableParser.Parse("https://example.com/"));

        Assert.False(observable.IsPrivateOrReserved);
    }
}
