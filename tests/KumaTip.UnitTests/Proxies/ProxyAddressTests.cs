using KumaTip.Application.Proxies;

namespace KumaTip.UnitTests.Proxies;

public sealed class ProxyAddressTests
{
    [Theory]
    [InlineData("http://proxy.corp.local:3128", "http://proxy.corp.local:3128/")]
    [InlineData("  https://proxy.example.com:8443/  ", "https://proxy.example.com:8443/")]
    [InlineData("http://10.0.0.5:8080", "http://10.0.0.5:8080/")]
    [InlineData("http://[fd00::1]:3128", "http://[fd00::1]:3128/")]
    [InlineData("http://proxy.example.com", "http://proxy.example.com/")]
    public void Accepts_a_scheme_a_host_and_a_port(string text, string expected)
    {
        var parsed = ProxyAddress.Parse(text);

        Assert.True(parsed.Succeeded, parsed.Error?.Message);
        Assert.Equal(expected, parsed.Value!.ToString());
    }

    [Theory]
    [InlineData("", "URL is required")]
    [InlineData("proxy.example.com:3128", "is not a URL")]
    [InlineData("socks5://proxy.example.com:1080", "must start with http:// or https://")]
    [InlineData("ftp://proxy.example.com", "must start with http:// or https://")]
    [InlineData("http://user:secret@proxy.example.com:3128", "in their own fields")]
    [InlineData("http://proxy.example.com:3128/path", "only a scheme, a host and a port")]
    [InlineData("http://proxy.example.com:3128/?a=b", "only a scheme, a host and a port")]
    [InlineData("http://proxy.example.com:70000", "is not a URL")]
    public void Refuses_anything_else_with_a_message_saying_what_is_wrong(string text, string expected)
    {
        var parsed = ProxyAddress.Parse(text);

        Assert.False(parsed.Succeeded);
        Assert.Equal("Url", parsed.Error!.Field);
        Assert.Contains(expected, parsed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Never_repeats_credentials_written_into_the_url()
    {
        var parsed = ProxyAddress.Parse("http://user:Sup3r-Secret@proxy.example.com:3128");

        Assert.DoesNotContain("Sup3r-Secret", parsed.Error!.Message, StringComparison.Ordinal);
    }
}
