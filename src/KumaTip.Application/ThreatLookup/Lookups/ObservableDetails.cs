using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.Application.ThreatLookup.Cache;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>One data group as the details panel shows it: its raw JSON and when it was obtained.</summary>
public sealed record SectionDetails(string Name, string Json, DateTimeOffset ObtainedAt, bool Stale);

/// <summary>What the cache knows about an observable, for the details panel and the API.</summary>
public sealed record ObservableDetails(
    string Key,
    ObservableType Type,
    string TipType,
    string Value,
    string Display,
    TipZone Zone,
    bool NotFound,
    DateTimeOffset? UpdatedAt,
    bool Stale,
    IReadOnlyList<SectionDetails> Sections,
    Uri PortalLink)
{
    private Lazy<TipResponse?>? _response;

    /// <summary>The typed answer, rebuilt from the cached data groups when first asked for (the panel does, the API does not).</summary>
    public TipResponse? Response => _response?.Value;

    public static ObservableDetails From(Observable observable, ObservableCacheEntry entry, CacheFreshness freshness, DateTimeOffset now, Uri portalUrl)
    {
        var sections = entry.Sections.OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SectionDetails(s.Name, s.Json, s.ObtainedAt, now - s.ObtainedAt >= freshness.Data)).ToList();
        var stale = entry.NotFound
            ? entry.UpdatedAt is not { } at || now - at >= freshness.NotFound
            : sections.Any(s => s.Stale);
        var held = entry.Sections.ToDictionary(s => s.Name, s => s.Json);
        return new ObservableDetails(
            observable.Key, observable.Type, observable.TipType, observable.Value, observable.Display, entry.Zone, entry.NotFound,
            entry.UpdatedAt, stale, sections, PortalLinkFor(portalUrl, observable.Value))
        {
            _response = new Lazy<TipResponse?>(() => TipResponseParser.Parse(TipResponseSections.Join(held)) is { Succeeded: true } parsed ? parsed.Value : null),
        };
    }

    /// <summary>"Go to Kaspersky TIP": <c>{PortalUrl}/search?searchString=...</c>.</summary>
    public static Uri PortalLinkFor(Uri portalUrl, string value) =>
        new($"{portalUrl.AbsoluteUri.TrimEnd('/')}/search?searchString={Uri.EscapeDataString(value)}");
}
