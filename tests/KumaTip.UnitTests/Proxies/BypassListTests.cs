using KumaTip.Application.Proxies;

namespace KumaTip.UnitTests.Proxies;

public sealed class BypassListTests
{
    [Fact]
    public void Accepts_host_names_domain_patterns_addresses_and_ranges_and_normalises_them()
    {
        var parsed = BypassList.Parse(["Intranet\nTIP.Example.com, *.corp.local", "10.1.2.3; 10.0.0.0/8", "fd00::/8  [FD00::1]", "пример.рф"]);

        Assert.True(parsed.Succeeded, parsed.Error?.Message);
        Assert.Equal(
            ["intranet", "tip.example.com", "*.corp.local", "10.1.2.3", "10.0.0.0/8", "fd00::/8", "fd00::1", "xn--e1afmkfd.xn--p1ai"],
            parsed.Value!);
    }

    [Fact]
    public void Reduces_a_range_written_with_host_bits_to_its_network()
    {
        var parsed = BypassList.Parse(["10.0.0.1/8"]);

        Assert.Equal(["10.0.0.0/8"], parsed.Value!);
    }

    [Fact]
    public void Drops_duplicates_and_empty_entries()
    {
        var parsed = BypassList.Parse(["a.example.com", "", "  ", "A.EXAMPLE.COM"]);

        Assert.Equal(["a.example.com"], parsed.Value!);
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("300.1.1.1")]
    [InlineData("1.2.3")]
    [InlineData("*example.com")]
    [InlineData("exa_mple.com")]
    [InlineData("-bad.example.com")]
    [InlineData("http://example.com")]
    [InlineData("*.")]
    public void Refuses_an_entry_that_is_none_of_them_and_names_it(string entry)
    {
        var parsed = BypassList.Parse(["ok.example.com", entry]);

        Assert.False(parsed.Succeeded);
        Assert.Equal("bypass_invalid", parsed.Error!.Code);
        Assert.Contains($"'{entry}'", parsed.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_more_than_the_maximum_number_of_entries()
    {
        var parsed = BypassList.Parse(Enumerable.Range(0, BypassList.MaxEntries + 1).Select(i => $"h{i}.example.com"));

        Assert.Equal("bypass_too_long", parsed.Error!.Code);
    }
}
