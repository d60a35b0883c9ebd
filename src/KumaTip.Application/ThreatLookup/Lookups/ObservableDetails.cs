using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>One data group as the details panel shows it: its raw JSON and when it was obtained.</summary>
public sealed record SectionDetails(string Name, string Json, DateTimeOffset ObtainedAt, bool Stale);

/// <summary>What the cache knows about an observable, for the details panel and the API.</summary>
public sealed record ObservableDetails(
    Observable Observable,
    TipZone Zone,
    bool NotFound,
    DateTimeOffset? UpdatedAt,
    bool Stale,
    IReadOnlyList<SectionDetails> Sections,
    Uri PortalLink)
{
    public static ObservableDetails From(Observable observable, ObservableCacheEntry entry, CacheFreshness freshness, DateTimeOffset now, Uri portalUrl)
    {
        var sections = entry.Sections.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SectionDetails(s.Name, s.Json, s.ObtainedAt, now - s.ObtainedAt >= freshness.Data)).ToList();
        var stale = entry.NotFound
            ? entry.UpdatedAt is not { } at || now - at >= freshness.NotFound
            : sections.Any(s => s.Stale);
        return new ObservableDetails(observable, entry.Zone, entry.NotFound, entry.UpdatedAt, stale, sections, PortalLinkFor(portalUrl, observable.Value));
    }

    /// <summary>"Go to Kaspersky TIP": <c>{PortalUrl}/search?searchString=...</c>.</summary>
    public static Uri PortalLinkFor(Uri portalUrl, string value) =>
        new($"{portalUrl.AbsoluteUri.TrimEnd('/')}/search?searchString={Uri.EscapeDataString(value)}");
}
