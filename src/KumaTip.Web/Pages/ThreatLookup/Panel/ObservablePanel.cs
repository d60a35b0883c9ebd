using KumaTip.Application.ThreatLookup.Lookups;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>The details panel of one observable: what the cache holds, in the order an analyst reads it.</summary>
/// <param name="TitleKey">"URL information", "Domain information", "IP address information" or "File information".</param>
/// <param name="RefreshSections">The data groups Refresh data asks for again (those held, or the defaults).</param>
public sealed record ObservablePanel(
    ObservableDetails Details,
    string TitleKey,
    IReadOnlyList<PanelSection> Sections,
    IReadOnlyList<string> RefreshSections);

/// <summary>One section: its title, when its data was obtained, whether that is stale, and the data.</summary>
/// <param name="Anchor">Unique in the panel: the target of the row of anchors, and the name of its table for the CSV export.</param>
public sealed record PanelSection(string Anchor, PanelLabel Title, DateTimeOffset? ObtainedAt, bool Stale, PanelNode Content)
{
    /// <summary>How many records or items a list section holds; null for other sections.</summary>
    public int? Count => Content switch
    {
        PanelNode.RecordTable table => table.Rows.Count,
        PanelNode.ItemList list => list.Items.Count,
        _ => null,
    };
}
