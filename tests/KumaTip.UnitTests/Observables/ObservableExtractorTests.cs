using System.Diagnostics;
using KumaTip.Application.Observables;

namespace KumaTip.UnitTests.Observables;

public class ObservableExtractorTests
{
    private static string[] Keys(string? text) => [.. ObservableExtractor.FromText(text).Select(o => o.Key)];

    [Fact]
    public void A_firewall_log_line_gives_its_addresses_in_order_and_marks_the_private_one()
    {
        const string line = "%ASA-6-302013: Built outbound TCP connection 1234567 for outside:185.220.101.4/443 (185.220.101.4/443) "
            + "to inside:10.1.2.3/51515 (203.0.113.5/51515) duration 0:00:00";

        var found = ObservableExtractor.FromText(line);

        Assert.Equal(["ip:185.220.101.4", "ip:10.1.2.3", "ip:203.0.113.5"], found.Select(o => o.Key));
        Assert.Equal([false, true, true], found.Select(o => o.IsPrivateOrReserved));
    }

    [Fact]
    public void An_iptables_line_with_ports_written_after_a_slash_still_gives_the_addresses()
    {
        const string line = "kernel: [UFW BLOCK] IN=eth0 OUT= SRC=45.155.205.233 DST=192.168.1.10 LEN=40 PROTO=TCP SPT=53 DPT=22 conn 45.155.205.233/53 -> 192.168.1.10/22";

        Assert.Equal(["ip:45.155.205.233", "ip:192.168.1.10"], Keys(line));
    }

    [Fact]
    public void A_network_range_in_text_is_not_an_address()
    {
        Assert.Equal(["ip:8.8.4.4"], Keys("allow 10.0.0.0/8 and 192.168.0.0/16 deny 172.16.0.0/12, resolver 8.8.4.4"));
    }

    [Fact]
    public void A_proxy_log_line_gives_the_URL_as_one_object_and_the_addresses_around_it()
    {
        const string line = "1700000000.123    245 10.0.0.15 TCP_MISS/200 5123 GET http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe "
            + "- HIER_DIRECT/93.184.216.34 application/octet-stream";

        Assert.Equal(
            ["ip:10.0.0.15", "url:http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", "ip:93.184.216.34"],
            Keys(line));
    }

    [Fact]
    public void An_EDR_line_gives_its_hashes_and_IPv6_peer_but_not_the_version_number()
    {
        const string line = @"Process C:\Users\bob\AppData\Local\Temp\invoice.exe "
            + "(SHA256: 9F86D081884C7D659A2FEAE0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08, MD5: 098f6bcd4621d373cade4e832627b4f6) "
            + "connected to 2a00:1450:4001:0828:0000:0000:0000:200e port 443; parent explorer.exe version 10.0.19041.1";

        Assert.Equal(
            [
                "sha256:9f86d081884c7d659a2feae0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "md5:098f6bcd4621d373cade4e832627b4f6",
                "ip:2a00:1450:4001:828::200e",
            ],
            Keys(line));
    }

    [Fact]
    public void A_mail_line_gives_the_defanged_URL_and_the_defanged_domain()
    {
        const string line = "Subject: Invoice overdue. Please review hxxps://login-micros0ft[.]com/auth?id=123, "
            + "or write to billing@evil-mail[.]net before 12:30:45.";

        Assert.Equal(["url:https://login-micros0ft.com/auth?id=123", "domain:evil-mail.net"], Keys(line));
    }

    [Theory]
    [InlineData("report sent to hxxp[:]//evil[.]example[.]com/a.php", "url:http://evil.example.com/a.php")]
    [InlineData("C2: http[://]198.51.100.23:8080/gate", "url:http://198.51.100.23:8080/gate")]
    [InlineData("drop site fxp://files[.]bad[.]org/x.zip today", "url:ftp://files.bad.org/x.zip")]
    [InlineData("(see http://example.com/a).", "url:http://example.com/a")]
    [InlineData("see <http://example.com/a>, then", "url:http://example.com/a")]
    [InlineData("wiki http://example.com/wiki/Foo_(bar) ok", "url:http://example.com/wiki/Foo_(bar)")]
    [InlineData("{\"url\":\"https://example.com/x?y=1\"}", "url:https://example.com/x?y=1")]
    [InlineData("CEF:0|Vendor|Proxy|1.0|100|Blocked|5|request=https://example.com/p?q=1 act=block", "url:https://example.com/p?q=1")]
    [InlineData("HTTPS://EXAMPLE.COM/Path#frag!", "url:https://example.com/Path")]
    public void URLs_are_found_in_text_whatever_their_dressing(string text, string key)
    {
        Assert.Equal([key], Keys(text));
    }

    [Theory]
    [InlineData("blocked 1.2.3[.]4 and 5[.]6[.]7[.]8", "ip:1.2.3.4", "ip:5.6.7.8")]
    [InlineData("peer ::ffff:10.0.0.1 and [2001:db8::1]:443", "ip:10.0.0.1", "ip:2001:db8::1")]
    [InlineData("fe80::1%eth0 then 8.8.8.8.", "ip:fe80::1", "ip:8.8.8.8")]
    [InlineData("src=8.8.8.8:53,dst=8.8.4.4", "ip:8.8.8.8", "ip:8.8.4.4")]
    [InlineData("md5=D41D8CD98F00B204E9800998ECF8427E sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "md5:d41d8cd98f00b204e9800998ecf8427e", "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709")]
    [InlineData("mirrors: evil[.]com, sub(.)evil[dot]org", "domain:evil.com", "domain:sub.evil.org")]
    public void Addresses_hashes_and_defanged_domains_are_found(string text, string first, string second)
    {
        Assert.Equal([first, second], Keys(text));
    }

    [Theory]
    [InlineData("updated agent to 1.2.3 and driver 4.5.6.7.8")]
    [InlineData("build v1.2.3.4, Version=4.0.0.0, ver 2.0.0.1, FileVersion: 10.0.0.1")]
    [InlineData("Windows 10.0.19045.3803 and .NET 4.8.04084")]
    [InlineData("999.1.1.1 and 256.256.256.256")]
    [InlineData("a 33-hex run d41d8cd98f00b204e9800998ecf8427e0 is no hash")]
    [InlineData("a 41-hex run da39a3ee5e6b4b0d3255bfef95601890afd807090 is no hash")]
    [InlineData("hex in a word Xd41d8cd98f00b204e9800998ecf8427eY or id_d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData("a 128-hex run cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    [InlineData("MAC 00:1a:2b:3c:4d:5e at 12:30:45 and 2024-01-01T10:20:30.123Z, C++ std::vector, a :: b")]
    [InlineData("plain names example.com, invoice.zip and System.Net.Http are not taken for domains")]
    [InlineData("mailto:someone@example.com, file://server/share/x.exe")]
    [InlineData("")]
    [InlineData(null)]
    public void Things_that_only_look_like_observables_are_not_found(string? text)
    {
        Assert.Empty(Keys(text));
    }

    [Fact]
    public void A_URL_of_a_scheme_the_TIP_does_not_take_still_gives_its_address()
    {
        Assert.Equal(["ip:1.2.3.4"], Keys("reverse shell to tcp://1.2.3.4:4444"));
    }

    [Fact]
    public void What_is_inside_a_URL_is_not_reported_again()
    {
        const string text = "GET http://198.51.100.7/files/d41d8cd98f00b204e9800998ecf8427e/evil[.]com.exe HTTP/1.1 "
            + "and hxxp://sub.evil[.]com/x";

        Assert.Equal(
            ["url:http://198.51.100.7/files/d41d8cd98f00b204e9800998ecf8427e/evil.com.exe", "url:http://sub.evil.com/x"],
            Keys(text));
    }

    [Fact]
    public void The_same_object_written_twice_is_reported_once()
    {
        const string text = "8.8.8.8 then 8[.]8[.]8[.]8 then ::ffff:8.8.8.8; "
            + "http://Example.com/a and hxxp://example[.]com:80/a#top; "
            + "D41D8CD98F00B204E9800998ECF8427E and d41d8cd98f00b204e9800998ecf8427e";

        Assert.Equal(["ip:8.8.8.8", "url:http://example.com/a", "md5:d41d8cd98f00b204e9800998ecf8427e"], Keys(text));
    }

    [Fact]
    public void Only_the_first_64_KiB_are_scanned_and_a_value_cut_at_the_limit_is_dropped()
    {
        var prefix = new string(' ', ObservableExtractor.MaxScannedLength - 30) + "8.8.8.8 ";
        var cutUrl = "http://example.com/" + new string('a', 100);
        var text = prefix + cutUrl + " 1.1.1.1";

        Assert.Equal(["ip:8.8.8.8"], Keys(text));
    }

    [Fact]
    public void The_number_of_observables_per_text_is_capped()
    {
        var text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"8.8.{i / 256}.{i % 256}"));

        Assert.Equal(ObservableExtractor.MaxObservables, ObservableExtractor.FromText(text).Count);
    }

    public static TheoryData<string, string> Adversarial => new()
    {
        { "hex run", new string('a', 70_000) },
        { "dotted numbers", string.Concat(Enumerable.Repeat("1.", 40_000)) },
        { "colons", new string(':', 70_000) },
        { "hex and colons", string.Concat(Enumerable.Repeat("a:", 40_000)) },
        { "defanged labels", string.Concat(Enumerable.Repeat("a[.]", 20_000)) },
        { "one long URL", "http://" + new string('a', 70_000) },
        { "many URLs and IPs", string.Concat(Enumerable.Repeat("http://a.example/ 8.8.8.8 ", 3_000)) },
        { "unbalanced brackets", "http://x.example/" + new string(')', 70_000) },
        { "long words", string.Concat(Enumerable.Repeat(new string('b', 60) + " ", 1_200)) },
    };

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Extraction_stays_fast_on_hostile_input(string name, string text)
    {
        ObservableExtractor.FromText(text); // warm-up: the first call pays for JIT, not for the patterns
        var clock = Stopwatch.StartNew();

        ObservableExtractor.FromText(text);

        // Linear patterns take milliseconds here; catastrophic backtracking would take minutes.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"{name}: {clock.Elapsed}");
    }
}
