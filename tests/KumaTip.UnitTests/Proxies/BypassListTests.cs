using KumaTip.Application.Proxies;
using KumaTip.Application.ThreatLookup.Client;

namespace KumaTip.UnitTests.Proxies;

/// <summary>One bypass list for the proxy form, the API and the TIP client: what it accepts, stores and matches.</summary>
public sealed class BypassListTests
{
    [Fact]
    public void Accepts_host_names_domain_patterns_addresses_and_ranges_and_normalises_them()
    {
        var parsed = BypassList.Parse(["Intranet\nTIP.Example.com, *.corp.local", "10.1.2.3; 10.0.0.0/8", "fd00::/8  [FD00::1]", "пример.рф"]);

        Assert.True(parsed.Succeeded, parsed.Error?.Message);
        Assert.Equal(
            ["intranet", "tip.example.com", "*.corp.local", "10.1.2.3", "10.0.0.0/8", "fd00::/8", "fd00::1", "xn--e1afmkfd.xn--p1ai"],
            parsed.Value!.Entries);
    }

    [Fact]
    public void Accepts_what_the_client_always_understood_local_names_everything_dotted_domains_pasted_urls_and_trailing_dots()
    {
        var parsed = BypassList.Parse(["<LOCAL>", "*", ".corp.example", "http://mirror.example:8080/", "tip.kaspersky.com."]);

        Assert.True(parsed.Succeeded, parsed.Error?.Message);
        Assert.Equal(["<local>", "*", "*.corp.example", "mirror.example", "tip.kaspersky.com"], parsed.Value!.Entries);
    }

    [Fact]
    public void Reduces_a_range_written_with_host_bits_to_its_network()
    {
        var parsed = BypassList.Parse(["10.0.0.1/8"]);

        Assert.Equal(["10.0.0.0/8"], parsed.Value!.Entries);
    }

    [Fact]
    public void Drops_duplicates_and_empty_entries()
    {
        var parsed = BypassList.Parse(["a.example.com", "", "  ", null, "A.EXAMPLE.COM"]);

        Assert.Equal(["a.example.com"], parsed.Value!.Entries);
    }

    [Fact]
    public void Spaces_separate_entries()
    {
        var parsed = BypassList.Parse(["bad host name"]);

        Assert.Equal(["bad", "host", "name"], parsed.Value!.Entries);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("300.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("*example.com")]
    [InlineData("tip*.kaspersky.com")]
    [InlineData("exa_mple.com")]
    [InlineData("-bad.example.com")]
    [InlineData("*.")]
    [InlineData("http://")]
    [InlineData("<intranet>")]
    public void Refuses_an_entry_that_is_none_of_them_and_names_it(string entry)
    {
        var parsed = BypassList.Parse(["ok.example.com", entry]);

        Assert.False(parsed.Succeeded);
        Assert.Equal(("bypass_invalid", "Bypass"), (parsed.Error!.Code, parsed.Error.Field));
        Assert.Contains($"'{entry}'", parsed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_more_than_the_maximum_number_of_entries()
    {
        var parsed = BypassList.Parse(Enumerable.Range(0, BypassList.MaxEntries + 1).Select(i => $"h{i}.example.com"));

        Assert.Equal("bypass_too_long", parsed.Error!.Code);
    }

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
        var list = BypassList.Parse([entry]);

        Assert.True(list.Succeeded, list.Error?.Message);
        Assert.Equal(bypassed, list.Value!.Matches(new Uri(destination)));
    }

    [Fact]
    public void Any_matching_entry_bypasses_and_blank_entries_are_ignored()
    {
        var list = BypassList.Parse(["", "  ", null, "intranet.example", " 10.0.0.0/8 ", "*.corp.example"]).Value!;

        Assert.True(list.Matches(new Uri("https://10.1.1.1/")));
        Assert.True(list.Matches(new Uri("https://tip.corp.example/")));
        Assert.True(list.Matches(new Uri("https://intranet.example/")));
        Assert.False(list.Matches(new Uri("https://tip.kaspersky.com/")));
    }

    [Fact]
    public void What_the_form_stores_the_client_reads_back_as_the_form_describes_it()
    {
        // The form says: host names, *.domain for a domain and its sub-domains, IP addresses, CIDR ranges.
        var stored = BypassList.Parse(["Intranet", "*.Corp.Example", "10.0.0.0/8", "fd00::1", "пример.рф", "<local>"]).Value!.Entries;
        var list = BypassList.Parse(stored);

        Assert.True(list.Succeeded, list.Error?.Message);
        Assert.Equal(stored, list.Value!.Entries);
        Assert.True(list.Value.Matches(new Uri("https://intranet/")));
        Assert.True(list.Value.Matches(new Uri("https://corp.example/")));
        Assert.True(list.Value.Matches(new Uri("https://tip.corp.example/")));
        Assert.True(list.Value.Matches(new Uri("https://10.9.8.7/")));
        Assert.True(list.Value.Matches(new Uri("https://[fd00::1]/")));
        Assert.True(list.Value.Matches(new Uri("https://пример.рф/")));
        Assert.True(list.Value.Matches(new Uri("https://tip-mirror/")));
        Assert.False(list.Value.Matches(new Uri("https://notcorp.example/")));
    }

    [Fact]
    public void An_empty_list_bypasses_nothing()
    {
        Assert.False(BypassList.Parse([]).Value!.Matches(new Uri("https://127.0.0.1/")));
        Assert.False(BypassList.Empty.Matches(new Uri("https://localhost/")));
    }

    [Fact]
    public void The_proxy_sends_bypassed_destinations_direct()
    {
        var proxy = new TipWebProxy(new Uri("http://proxy.example:3128"), BypassList.Parse(["*.internal.example"]).Value!, null);

        Assert.Null(proxy.GetProxy(new Uri("https://tip.internal.example/")));
        Assert.True(proxy.IsBypassed(new Uri("https://tip.internal.example/")));
        Assert.Equal(new Uri("http://proxy.example:3128"), proxy.GetProxy(new Uri("https://tip.kaspersky.com/")));
    }
}
