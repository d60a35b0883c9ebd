using KumaTip.Application.Proxies;
using KumaTip.Application.ThreatLookup.Client;

namespace KumaTip.UnitTests.ThreatLookup.Client;

public sealed class ProxyBypassListTests
{
    [Theory]
    [InlineData("tip.kaspersky.com", "https://tip.kaspersky.com/api/url/x", true)]
    [InlineData("TIP.Kaspersky.com", "https://tip.kaspersky.com:443/", true)]
    [InlineData("tip.kaspersky.com.", "https://tip.kaspersky.com/", true)]
    [InlineData("tip.kaspersky.com", "https://opentip.kaspersky.com/", false)]
    [InlineData("tip.kaspersky.com", "https://tip.kaspersky.com.evil.example/", false)]
    [InlineData("*.kaspersky.com", "https://tip.kaspersky.com/", true)]
    [InlineData("*.kaspersky.com", "https://a.b.kaspersky.com/", true)]
    [InlineData("*.kaspersky.com", "https://kaspersky.com/", true)]
    [InlineData(".kaspersky.com", "https://kaspersky.com/", true)]
    [InlineData("*.kaspersky.com", "https://notkaspersky.com/", false)]
    [InlineData(".kaspersky.com", "https://tip.kaspersky.com/", true)]
    [InlineData("10.0.0.0/8", "https://10.20.30.40/", true)]
    [InlineData("10.0.0.0/8", "https://11.0.0.1/", false)]
    [InlineData("10.1.2.3/8", "https://10.9.9.9/", true)]
    [InlineData("10.1.2.3/8", "https://11.1.2.3/", false)]
    [InlineData("192.168.1.10", "https://192.168.1.10:8443/", true)]
    [InlineData("192.168.1.10", "https://192.168.1.11/", false)]
    [InlineData("fd00::/8", "https://[fd12::1]/", true)]
    [InlineData("::1", "https://[::1]:8443/", true)]
    [InlineData("[::1]", "https://[::1]/", true)]
    [InlineData("127.0.0.0/8", "https://localhost/", false)]
    [InlineData("<local>", "https://intranet-tip/", true)]
    [InlineData("<local>", "https://tip.example/", false)]
    [InlineData("*", "https://anything.example/", true)]
    [InlineData("http://mirror.example:8080/", "https://mirror.example/", true)]
    [InlineData("пример.рф", "https://xn--e1afmkfd.xn--p1ai/", true)]
    [InlineData("*.пример.рф", "https://tip.пример.рф/", true)]
    public void An_entry_matches_the_destinations_it_names(string entry, string destination, bool bypassed)
    {
        var list = ProxyBypassList.Parse([entry]);

        Assert.True(list.Succeeded, list.Error?.Message);
        Assert.Equal(bypassed, list.Value!.Matches(new Uri(destination)));
    }

    [Fact]
    public void Any_matching_entry_bypasses_and_blank_entries_are_ignored()
    {
        var list = ProxyBypassList.Parse(["", "  ", null, "intranet.example", " 10.0.0.0/8 ", "*.corp.example"]).Value!;

        Assert.True(list.Matches(new Uri("https://10.1.1.1/")));
        Assert.True(list.Matches(new Uri("https://tip.corp.example/")));
        Assert.True(list.Matches(new Uri("https://intranet.example/")));
        Assert.False(list.Matches(new Uri("https://tip.kaspersky.com/")));
    }

    [Fact]
    public void What_the_proxy_form_stores_the_client_reads_as_the_form_describes_it()
    {
        // The form says: host names, *.domain for a domain and its sub-domains, IP addresses, CIDR ranges.
        var stored = BypassList.Parse(["Intranet", "*.Corp.Example", "10.0.0.0/8", "fd00::1", "пример.рф"]).Value!;
        var list = ProxyBypassList.Parse(stored);

        Assert.True(list.Succeeded, list.Error?.Message);
        Assert.True(list.Value!.Matches(new Uri("https://intranet/")));
        Assert.True(list.Value.Matches(new Uri("https://corp.example/")));
        Assert.True(list.Value.Matches(new Uri("https://tip.corp.example/")));
        Assert.True(list.Value.Matches(new Uri("https://10.9.8.7/")));
        Assert.True(list.Value.Matches(new Uri("https://[fd00::1]/")));
        Assert.True(list.Value.Matches(new Uri("https://пример.рф/")));
        Assert.False(list.Value.Matches(new Uri("https://notcorp.example/")));
    }

    [Fact]
    public void An_empty_list_bypasses_nothing()
    {
        Assert.False(ProxyBypassList.Parse([]).Value!.Matches(new Uri("https://127.0.0.1/")));
        Assert.False(ProxyBypassList.Empty.Matches(new Uri("https://localhost/")));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("tip*.kaspersky.com")]
    [InlineData("*.")]
    [InlineData("bad host name")]
    [InlineData("http://")]
    public void An_entry_it_cannot_read_is_refused_by_name(string entry)
    {
        var list = ProxyBypassList.Parse(["tip.example", entry]);

        Assert.False(list.Succeeded);
        Assert.Equal("invalid_proxy_bypass_entry", list.Error!.Code);
        Assert.Equal("Bypass", list.Error.Field);
        Assert.Contains($"'{entry}'", list.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_proxy_sends_bypassed_destinations_direct()
    {
        var proxy = new TipWebProxy(new Uri("http://proxy.example:3128"), ProxyBypassList.Parse(["*.internal.example"]).Value!, null);

        Assert.Null(proxy.GetProxy(new Uri("https://tip.internal.example/")));
        Assert.True(proxy.IsBypassed(new Uri("https://tip.internal.example/")));
        Assert.Equal(new Uri("http://proxy.example:3128"), proxy.GetProxy(new Uri("https://tip.kaspersky.com/")));
    }
}
