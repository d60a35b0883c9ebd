namespace KumaTip.TipSimulator.Data;

/// <summary>Parts shared by several observable types.</summary>
internal static class CommonSections
{
    public static (bool HasApt, IReadOnlyList<object> Reports) Apt(Zone zone, Random random)
    {
        if (zone != Zone.Red || !random.Chance(0.15))
        {
            return (false, []);
        }

        return (true, [.. Enumerable.Range(0, random.Items(1, 2)).Select(_ => (object)new
        {
            Title = $"{random.Pick(Vocabulary.AptActors)} targets {random.Pick(Vocabulary.AptTargets)}",
            Id = random.Hex(8),
        })]);
    }

    public static void AddIndustries(ReportBuilder report)
    {
        var targeted = report.Zone is Zone.Red or Zone.Orange;
        report.AddList("Industries", 0, targeted ? 3 : 0, random => random.Pick(Vocabulary.Industries));
    }

    public static void AddDnsResolutions(ReportBuilder report, int min, int max) =>
        report.AddList("DomainDnsResolutions", min, max, random =>
        {
            var ip = report.PickRelated(random, ObservableKind.Ip, SampleNames.Ipv4);
            return new { Ip = ip.Value, ip.Zone };
        });

    public static void AddFiles(ReportBuilder report, string section, Func<Random, string> url, int min, int max) =>
        report.AddList(section, min, max, random =>
        {
            var file = report.PickRelated(random, ObservableKind.Hash, SampleNames.Md5);
            var (firstSeen, lastSeen) = random.SeenRange();
            return new { Md5 = file.Value, file.Zone, FirstSeen = firstSeen, LastSeen = lastSeen, Url = url(random) };
        });

    public static void AddUrls(ReportBuilder report, string section, int min, int max) =>
        report.AddList(section, min, max, random =>
        {
            var url = report.PickRelated(random, ObservableKind.Url, r => SampleNames.Url(r, SampleNames.Domain(r)));
            return new { Url = url.Value, url.Zone };
        });
}
