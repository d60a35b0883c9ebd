using KumaTip.Application.Events;

namespace KumaTip.UnitTests.Events;

public sealed class ExtractionMemoTests
{
    [Fact]
    public void A_batch_extracted_with_a_memo_finds_what_each_event_alone_yields_for_repeated_and_new_values()
    {
        Event[] batch =
        [
            new() { SourceAddress = "10.1.2.3", DestinationAddress = "8.8.8.8", Message = "dns to 8.8.8.8 and 1.1.1.1" },
            new() { SourceAddress = "10.1.2.3", DestinationHostName = "8.8.8.8", RequestUrl = "https://Example.ORG/a" },
            new() { SourceAddress = "10.1.2.4", DestinationAddress = "8.8.8.8", Message = "dns to 8.8.8.8 and 1.1.1.1" },
            new() { SourceHostName = "FILESERVER", RequestUrl = "https://Example.ORG/a", FileHash = "44d88612fea8a8f36de82e1278abb02f" },
            new() { SourceHostName = "FILESERVER", DestinationAddress = "not an address", RequestUrl = "hxxp://evil[.]com/x" },
        ];
        var memo = new ExtractionMemo();

        foreach (var e in batch)
        {
            Assert.Equal(
                EventObservableExtraction.Extract(e).Select(f => (f.Field, f.Observable.Key)),
                EventObservableExtraction.Extract(e, memo).Select(f => (f.Field, f.Observable.Key)));
        }
    }

    [Fact]
    public void A_value_found_in_one_field_is_reported_with_the_field_it_is_found_in_next()
    {
        var memo = new ExtractionMemo();

        var first = EventObservableExtraction.Extract(new Event { SourceAddress = "203.0.113.7" }, memo);
        var second = EventObservableExtraction.Extract(new Event { DestinationAddress = "203.0.113.7" }, memo);

        Assert.Equal(("SourceAddress", "ip:203.0.113.7"), (first.Single().Field, first.Single().Observable.Key));
        Assert.Equal(("DestinationAddress", "ip:203.0.113.7"), (second.Single().Field, second.Single().Observable.Key));
    }
}
