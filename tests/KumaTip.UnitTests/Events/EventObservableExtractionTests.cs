using KumaTip.Application.Events;
using KumaTip.Application.Events.Queries;

namespace KumaTip.UnitTests.Events;

public sealed class EventObservableExtractionTests
{
    [Fact]
    public void Host_names_are_domains_an_ip_in_a_host_field_is_an_ip_and_single_label_hosts_are_skipped()
    {
        var found = EventObservableExtraction.Extract(new Event
        {
            SourceHostName = "FILESERVER",
            DestinationHostName = "185.85.15.26",
        });

        Assert.Equal([("DestinationHostName", "ip:185.85.15.26")], found.Select(f => (f.Field, f.Observable.Key)));
    }

    [Fact]
    public void A_url_also_yields_its_host_and_values_that_are_no_observables_are_skipped()
    {
        var found = EventObservableExtraction.Extract(new Event
        {
            RequestUrl = "https://Example.ORG:8443/a?b=c",
            SourceAddress = "not an address",
            FileHash = "ssdeep:3:abc",
        });

        Assert.Equal(["url:https://example.org:8443/a?b=c", "domain:example.org"], found.Select(f => f.Observable.Key));
    }

    [Fact]
    public void Distinct_keeps_the_first_field_an_observable_was_found_in()
    {
        var found = EventObservableExtraction.Extract(new Event { SourceAddress = "8.8.8.8", Message = "dns to 8.8.8.8 and 1.1.1.1" });

        Assert.Equal(
            [("SourceAddress", "ip:8.8.8.8"), ("Message", "ip:1.1.1.1")],
            EventObservableExtraction.Distinct(found).Select(f => (f.Field, f.Observable.Key)));
    }

    [Theory]
    [InlineData("1795000000000123.42")]
    [InlineData("0.1")]
    public void A_cursor_reads_back_what_it_wrote(string text)
    {
        Assert.True(EventCursor.TryParse(text, out var cursor));
        Assert.Equal(text, cursor.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("12.")]
    [InlineData(".12")]
    [InlineData("-5.1")]
    [InlineData("99999999999999999999.1")]
    public void A_cursor_that_was_not_written_by_the_list_is_refused(string? text) =>
        Assert.False(EventCursor.TryParse(text, out _));
}
