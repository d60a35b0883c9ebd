using KumaTip.Application.ThreatLookup.Lookups;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>The details panel of one observable: what the cache holds, in the order an analyst reads it.</summary>
/// <param name="TitleKey">"URL information", "Domain information", "IP address information" or "File information".</param>
/// <param name="RefreshSections">The data groups Refresh data asks for again (those held, or the defaults).</param>
public sealed record ObservablePanel(
    ObservableDetails Details,
    string TitleKey,
    bool IsFile,
    IReadOnlyList<PanelSection> Sections,
    IReadOnlyList<string> RefreshSections);

/// <summary>One section: its title (a resource key), when its data was obtained, whether that is stale, and the data.</summary>
public sealed record PanelSection(string TitleKey, string? DataGroup, DateTimeOffset? ObtainedAt, bool Stale, PanelNode Content);
