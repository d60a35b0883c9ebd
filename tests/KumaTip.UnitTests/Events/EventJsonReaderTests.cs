using System.Text.Json;
using KumaTip.Application.Events;
using KumaTip.Application.Events.Ingestion;

namespace KumaTip.UnitTests.Events;

public sealed class EventJsonReaderTests
{
    [Fact]
    public void Field_names_match_in_any_case_and_escaped_and_other_properties_are_kept_in_extra()
    {
        var longName = new string('x', 80);
        var (e, errors) = Read($$"""{"timestamp": 1795000000000, "n\u0061me": "escaped", "DEVICEVENDOR": "Kaspersky", "{{longName}}": 1, "Custom": "v"}""");

        Assert.Empty(errors);
        Assert.Equal(("escaped", "Kaspersky"), (e!.Name, e.DeviceVendor));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795000000000), e.Timestamp);
        Assert.Equal($$"""{"{{longName}}":1,"Custom":"v"}""", e.Extra);
    }

    [Fact]
    public void Errors_name_the_field_as_kuma_spells_it_whatever_case_was_sent()
    {
        var (e, errors) = Read("""{"Timestamp": 1795000000000, "sourceport": 70000, "destinationaddress": "not-an-ip"}""");

        Assert.Null(e);
        Assert.Equal(["SourcePort must be an integer from 0 to 65535.", "DestinationAddress 'not-an-ip' is not an IP address."], errors);
    }

    [Fact]
    public void Events_read_one_after_another_do_not_share_their_other_fields()
    {
        var (first, _) = Read("""{"Timestamp": 1795000000000, "A": 1}""");
        var (second, _) = Read("""{"Timestamp": 1795000000000, "Name": "no others"}""");
        var (third, _) = Read("""{"Timestamp": 1795000000000, "B": 2}""");

        Assert.Equal(("""{"A":1}""", null, """{"B":2}"""), (first!.Extra, second!.Extra, third!.Extra));
    }

    [Theory]
    [InlineData("""{"Timestamp": 1795000000000, "Name": "a\ud800b"}""", "Name holds an unpaired surrogate (\\uD800), which is not text.")]
    [InlineData("""{"Timestamp": 1795000000000, "message": "\udc00 alone"}""", "Message holds an unpaired surrogate (\\uDC00), which is not text.")]
    [InlineData("""{"Timestamp": 1795000000000, "Message": "high then high \ud83d\ud83d"}""", "Message holds an unpaired surrogate (\\uD83D), which is not text.")]
    [InlineData("""{"Timestamp": 1795000000000, "RequestUrl": "http://a.example/\u0000"}""", "RequestUrl holds a NUL character (\\u0000), which an event cannot store.")]
    [InlineData("""{"Timestamp": "2026-11-20T10:00:00Z\u0000"}""", "Timestamp holds a NUL character (\\u0000), which an event cannot store.")]
    [InlineData("""{"Timestamp": 1795000000000, "Custom": {"deep": ["x\u0000"]}}""", "Custom holds a NUL character (\\u0000), which an event cannot store.")]
    [InlineData("""{"Timestamp": 1795000000000, "\ud800": 1}""", "A field name holds an unpaired surrogate (\\uD800), which is not text.")]
    public void Text_an_event_cannot_hold_refuses_the_event_naming_the_field(string json, string error)
    {
        var (e, errors) = Read(json);

        Assert.Null(e);
        Assert.Equal([error], errors);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_refuse_the_event_naming_the_field_and_the_byte()
    {
        byte[] json = [.. "{\"Timestamp\": 1795000000000, \"Message\": \"ab"u8, 0xED, 0xA0, 0x80, .. "\", \"Ext\": \"x"u8, 0xFF, .. "\"}"u8];

        var (e, errors) = Read(json);

        Assert.Null(e);
        Assert.Equal(["Message holds bytes that are not UTF-8 (from byte 3 of its JSON).", "Ext holds bytes that are not UTF-8 (from byte 2 of its JSON)."], errors);
    }

    [Fact]
    public void Escaped_text_that_is_text_is_kept_as_it_decodes()
    {
        var (e, errors) = Read("""{"Timestamp": 1795000000000, "Name": "\ud83d\ude00 \u00e9\\u0000 \"q\"", "Message": "\\ud800"}""");

        Assert.Empty(errors);
        Assert.Equal(("\U0001F600 é\\u0000 \"q\"", "\\ud800"), (e!.Name, e.Message));
    }

    [Fact]
    public void A_timestamp_further_ahead_than_the_allowed_skew_is_refused_saying_so()
    {
        var now = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var latest = now.AddMinutes(5);

        var (ahead, aheadErrors) = Read("""{"Timestamp": "2026-11-20T10:05:01Z"}""", latest);
        var (within, withinErrors) = Read("""{"Timestamp": "2026-11-20T13:05:00+03:00"}""", latest);

        Assert.Null(ahead);
        Assert.Equal(
            ["Timestamp 2026-11-20T10:05:01Z is in the future: the latest accepted now is 2026-11-20T10:05:00Z (the server's clock plus Events:Ingestion:MaxClockSkew). Check the sender's clock."],
            aheadErrors);
        Assert.Empty(withinErrors);
        Assert.Equal(latest, within!.Timestamp);
    }

    [Fact]
    public void A_timestamp_older_than_the_tenants_retention_is_refused_saying_so()
    {
        var kept = new RetainedSince(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), 30);

        using var older = JsonDocument.Parse("""{"Timestamp": "2026-11-20T09:59:59Z"}""");
        using var onTheEdge = JsonDocument.Parse("""{"Timestamp": "2026-11-20T10:00:00Z"}""");
        var (olderErrors, edgeErrors) = (new List<string>(), new List<string>());

        Assert.Null(EventJsonReader.Read(older.RootElement, FarAhead, olderErrors, new ExtractionMemo(), kept));
        Assert.Equal(
            ["Timestamp 2026-11-20T09:59:59Z is older than the tenant keeps events (30 days): the earliest accepted now is 2026-11-20T10:00:00Z."],
            olderErrors);
        Assert.NotNull(EventJsonReader.Read(onTheEdge.RootElement, FarAhead, edgeErrors, new ExtractionMemo(), kept));
        Assert.Empty(edgeErrors);
    }

    /// <summary>Whatever text a sender puts in whatever field, reading and extraction answer; they never throw.</summary>
    [Fact]
    public void Hostile_text_in_any_field_is_read_or_refused_never_thrown()
    {
        string[] fields =
        [
            "Timestamp", "Name", "DeviceVendor", "Severity", "SourceAddress", "SourcePort", "SourceHostName", "DestinationAddress",
            "DestinationHostName", "RequestUrl", "FileHash", "FileName", "Message", "Other",
        ];
        // As JSON text: escapes stay escapes.
        string[] values =
        [
            "", " ", @"\u0000", @"\ud800", @"\udfff\ud800", @"\ud83d\ude00", @"\u202e", @"\ufeff", @"\uffff", "xn--", "xn--zz", "http://[::1",
            @"hxxp://a[.]b[.]c/\u0000", "1.2.3.4:99999", "::ffff:1.2.3.4", "http://user:pa@ss@host:0/", "a..b.com", ".", "..", @"\\",
            new string('a', 70_000), string.Concat(Enumerable.Repeat(@"\u0441", 5000)) + ".com", "1e400", "-1", "9999999999999999999",
            @"http://\u0430\u0440\u0440\u04cf\u0435.com", "ftp://x", "@", "%00", "<script>", "1.2.3.4.5", "0x7f000001", "2001:db8::g",
        ];
        var memo = new ExtractionMemo();
        foreach (var field in fields)
        {
            foreach (var value in values)
            {
                foreach (var json in new[] { $$"""{"Timestamp": 1795000000000, "{{field}}": "{{value}}"}""", $$"""{"Timestamp": 1795000000000, "{{field}}": [{{value.Length}}]}""" })
                {
                    var (e, _) = Read(json, memo: memo);
                    if (e is not null)
                    {
                        EventIngestion.Prepare(e, Guid.NewGuid(), DateTimeOffset.UtcNow, memo);
                    }
                }
            }
        }
    }

    private static readonly DateTimeOffset FarAhead = new(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (Event? Event, List<string> Errors) Read(string json, DateTimeOffset? latest = null, ExtractionMemo? memo = null) =>
        Read(System.Text.Encoding.UTF8.GetBytes(json), latest, memo);

    private static (Event? Event, List<string> Errors) Read(byte[] json, DateTimeOffset? latest = null, ExtractionMemo? memo = null)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<string>();
        return (EventJsonReader.Read(document.RootElement, latest ?? FarAhead, errors, memo ?? new ExtractionMemo()), errors);
    }
}
