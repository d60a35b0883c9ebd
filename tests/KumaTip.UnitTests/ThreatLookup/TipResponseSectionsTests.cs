using KumaTip.Application.ThreatLookup.Tip;
using static KumaTip.UnitTests.ThreatLookup.TipResponseParserTests;

namespace KumaTip.UnitTests.ThreatLookup;

public class TipResponseSectionsTests
{
    [Fact]
    public void An_answer_splits_into_one_raw_piece_per_section()
    {
        var pieces = Parse(TipSampleAnswers.Ip).SplitSections();

        Assert.Equal(
            ["Zone", "LicenseInfo", "RelatedObjects", "IpGeneralInfo", "IpWhoIs", "IpDnsResolutions", "FilesDownloadedFromIp", "HostedUrls", "Industries"],
            pieces.Keys);
        Assert.Equal("\"Orange\"", pieces["Zone"]);
        Assert.StartsWith("{", pieces["IpWhoIs"], StringComparison.Ordinal);
        Assert.Equal("TOR-EXIT", Parse($$"""{"IpWhoIs":{{pieces["IpWhoIs"]}}}""").IpWhoIs!.Net!.Name);
    }

    [Fact]
    public void Pieces_obtained_at_different_times_join_into_one_readable_answer()
    {
        var older = Parse(TipSampleAnswers.Domain).SplitSections();
        var newer = Parse("""{"Zone":"Orange","DomainGeneralInfo":{"Domain":"daywinners.com","HitsCount":1}}""").SplitSections();

        var joined = TipResponseSections.Join(newer.Concat(older));
        var answer = Parse(joined);

        Assert.Equal(TipZone.Orange, answer.Zone);
        Assert.Equal(1, answer.DomainGeneralInfo!.HitsCount);
        Assert.Equal("NameCheap, Inc.", answer.DomainWhoIsInfo!.Registrar!.Info);
        Assert.Equal(older.Count, answer.Sections.Count);
    }

    [Fact]
    public void Joining_nothing_gives_an_empty_answer()
    {
        var answer = Parse(TipResponseSections.Join([]));

        Assert.Empty(answer.Sections);
        Assert.Equal(TipZone.Unknown, answer.Zone);
    }
}
