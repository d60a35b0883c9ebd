using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// A piece of a TIP answer shaped for display. Everything TIP sends ends up as text in one of these shapes, so the
/// page never writes markup that came from the answer.
/// </summary>
public abstract record PanelNode
{
    private PanelNode()
    {
    }

    public sealed record TextValue(string Text) : PanelNode;

    public sealed record FlagValue(bool Value) : PanelNode;

    public sealed record ZoneValue(TipZone Zone, bool IsFile = false) : PanelNode;

    /// <summary>An object: name/value pairs, shown as a description list.</summary>
    public sealed record FieldSet(IReadOnlyList<PanelField> Fields) : PanelNode;

    /// <summary>An array of values that are not all objects.</summary>
    public sealed record ItemList(IReadOnlyList<PanelNode> Items) : PanelNode;

    /// <summary>An array of objects: columns from the union of their keys, in the order first met.</summary>
    public sealed record RecordTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<PanelNode>> Rows) : PanelNode;

    /// <summary>Categories with readable labels (<c>CATEGORY_PHISHING</c> → Phishing) and their zones when TIP gives them.</summary>
    public sealed record CategoryList(IReadOnlyList<CategoryItem> Categories) : PanelNode;

    /// <summary>Null, an empty array or object: TIP has nothing here.</summary>
    public sealed record Nothing : PanelNode;
}

public sealed record PanelField(string Name, PanelNode Value);

public sealed record CategoryItem(string Label, TipZone Zone);
