namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary><c>UrlGeneralInfo</c> of a URL lookup.</summary>
public sealed record TipUrlGeneralInfo
{
    public string? Url { get; init; }
    public string? Host { get; init; }
    public long? Ipv4Count { get; init; }
    public long? FilesCount { get; init; }

    /// <summary><c>General</c> when TIP has no other category for the URL.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<TipCategoryWithZone> CategoriesWithZone { get; init; } = [];
    public bool? HasApt { get; init; }
    public IReadOnlyList<TipAptReport> RelatedAptReports { get; init; } = [];
}
