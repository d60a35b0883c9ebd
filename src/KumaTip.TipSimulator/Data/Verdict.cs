namespace KumaTip.TipSimulator.Data;

/// <summary>What TIP "thinks" of an object: its zone and the categories that put it there.</summary>
internal sealed record Verdict(Zone Zone, IReadOnlyList<string> Categories)
{
    public IReadOnlyList<object> CategoriesWithZone =>
        [.. Categories.Select(name => new { Name = name, Zone = ThreatCategories.ZoneOf(name) ?? Zone })];
}
