using System.Net;

namespace KumaTip.TipSimulator.Data;

/// <summary>Decides, deterministically, whether TIP knows an object and what its verdict is.</summary>
internal sealed class ThreatCatalog
{
    private static readonly Verdict Reserved = new(Zone.Grey, []);

    public FileRegistry Files { get; } = new(SimulatorFixtures.KnownFiles);

    /// <param name="value">A value checked and normalised by <see cref="ObservableParser"/>.</param>
    /// <returns>Every section TIP holds for the object, or null when it knows nothing (404).</returns>
    public ObservableReport? Report(ObservableKind kind, string value)
    {
        // Checked before the hash is mapped to its file: an all-zero SHA256 must not borrow a derived MD5's verdict.
        if (SimulatorFixtures.IsDeclaredUnknown(kind, value))
        {
            return null;
        }

        var file = kind == ObservableKind.Hash ? Files.Resolve(value) : null;
        var canonical = file?.Md5 ?? value;
        if (VerdictFor(kind, canonical) is not { } verdict)
        {
            return null;
        }

        var report = new ReportBuilder(this, kind, canonical, verdict);
        switch (kind)
        {
            case ObservableKind.Hash:
                HashReport.Build(report, file!);
                break;
            case ObservableKind.Ip:
                IpReport.Build(report, value);
                break;
            case ObservableKind.Domain:
                DomainReport.Build(report, value);
                break;
            default:
                UrlReport.Build(report, value);
                break;
        }

        return new ObservableReport(verdict.Zone, report.Sections);
    }

    /// <param name="canonical">The normalised value; for a hash, the file's MD5.</param>
    /// <returns>The verdict, or null when TIP "knows nothing" about the object (404).</returns>
    public Verdict? VerdictFor(ObservableKind kind, string canonical)
    {
        if (SimulatorFixtures.IsDeclaredUnknown(kind, canonical))
        {
            return null;
        }

        if (FixtureFor(kind, canonical) is { } fixture)
        {
            return fixture;
        }

        if (kind == ObservableKind.Ip && ReservedNetworks.Find(IPAddress.Parse(canonical)) is not null)
        {
            return Reserved;
        }

        var random = Seeds.Random(kind.ToString(), canonical, "verdict");
        return random.Next(16) == 0 ? null : ThreatCategories.DrawVerdict(random, kind);
    }

    // Names under a fixture domain share its verdict, and so do URLs on them.
    private static Verdict? FixtureFor(ObservableKind kind, string canonical) => kind switch
    {
        ObservableKind.Domain => DomainFixture(canonical),
        ObservableKind.Url => SimulatorFixtures.Verdicts.GetValueOrDefault((kind, canonical)) ?? DomainFixture(DomainNames.HostOfUrl(canonical)),
        _ => SimulatorFixtures.Verdicts.GetValueOrDefault((kind, canonical)),
    };

    private static Verdict? DomainFixture(string domain) =>
        DomainNames.SelfAndParents(domain)
            .Select(name => SimulatorFixtures.Verdicts.GetValueOrDefault((ObservableKind.Domain, name)))
            .FirstOrDefault(verdict => verdict is not null);
}
