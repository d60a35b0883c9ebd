namespace KumaTip.TipSimulator.Data;

/// <summary>One data group of an answer, as it will be serialised.</summary>
internal sealed record ReportSection(string Name, object Value);

/// <summary>A related object in a list, with the verdict its own lookup gives.</summary>
internal readonly record struct Related(string Value, Verdict Verdict)
{
    public Zone Zone => Verdict.Zone;
}

/// <summary>
/// Collects every section of one object's answer. Each section draws from its own seeded generator, so a section
/// is the same whichever others are asked for.
/// </summary>
internal sealed class ReportBuilder(ThreatCatalog catalog, ObservableKind kind, string canonical, Verdict verdict)
{
    private const int Attempts = 16;

    private readonly List<ReportSection> _sections = [];
    private bool _anyRelatedRed;

    public ThreatCatalog Catalog => catalog;

    public Verdict Verdict => verdict;

    public Zone Zone => verdict.Zone;

    public IReadOnlyList<ReportSection> Sections => _sections;

    public Random Random(string section) => Seeds.Random(kind.ToString(), canonical, section);

    public void Add(string name, object value) => _sections.Add(new ReportSection(name, value));

    /// <summary>A list section of min..max items; duplicates drawn by chance are dropped.</summary>
    public void AddList<T>(string name, int min, int max, Func<Random, T> item)
    {
        var random = Random(name);
        Add(name, Enumerable.Range(0, random.Items(min, max)).Select(_ => item(random)).Distinct().ToList());
    }

    /// <summary>Adds RelatedObjects; call it last, after every list that holds related objects.</summary>
    public void AddRelatedObjects() => Add("RelatedObjects", new { HasRedZone = _anyRelatedRed });

    /// <summary>
    /// A related object whose own lookup agrees with the zone shown here (clicking through gives the same colour).
    /// Its zone leans to this object's zone: a phishing domain mostly hosts bad files.
    /// </summary>
    public Related PickRelated(Random random, ObservableKind relatedKind, Func<Random, string> candidate)
    {
        var wanted = random.Chance(0.6) ? Zone : ThreatCategories.DrawZone(random);
        Related? chosen = null;
        for (var attempt = 0; attempt < Attempts && chosen?.Zone != wanted; attempt++)
        {
            var value = candidate(random);
            if (catalog.VerdictFor(relatedKind, value) is { } candidateVerdict && (chosen is null || candidateVerdict.Zone == wanted))
            {
                chosen = new Related(value, candidateVerdict);
            }
        }

        var related = chosen ?? new Related(candidate(random), new Verdict(Zone.Grey, []));
        _anyRelatedRed |= related.Zone == Zone.Red;
        return related;
    }
}
