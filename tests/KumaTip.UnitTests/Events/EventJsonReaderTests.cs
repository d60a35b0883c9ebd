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

    private static (Event? Event, List<string> Errors) Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<string>();
        return (EventJsonReader.Read(document.RootElement, errors, new ExtractionMemo()), errors);
    }
}
