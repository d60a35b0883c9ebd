using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// A piece of a TIP answer shaped for display. Everything TIP sends ends up as text in one of these shapes, so the
/// page never writes markup that came from the answer. Values keep what they are (a number, a time, an observable),
/// and the page writes them in the reader's language and time zone.
/// </summary>
public abstract record PanelNode
{
    private PanelNode()
    {
    }

    /// <param name="Field">The TIP field it came from, whose known values have labels (<c>Value.{Field}.{Text}</c>).</param>
    public sealed record TextValue(string Text, string? Field = null) : PanelNode;

    /// <param name="Grouped">Counts and sizes get group separators; identifiers and numbers of things do not.</param>
    public sealed record NumberValue(decimal Number, bool Grouped) : PanelNode;

    /// <summary>A time TIP gave in ISO 8601 (UTC unless it says otherwise); a date alone is a day, shown as it is.</summary>
    public sealed record DateValue(DateTimeOffset Utc, bool DateOnly) : PanelNode;

    public sealed record FlagValue(bool Value) : PanelNode;

    /// <param name="IsFile">A file's red zone reads "Malware".</param>
    /// <param name="IsVerdict">The observable's own zone, shown with its sign (⚠ Dangerous).</param>
    public sealed record ZoneValue(TipZone Zone, bool IsFile = false, bool IsVerdict = false) : PanelNode
    {
        public string LabelKey => IsFile && Zone == TipZone.Red ? "Zone.Red.File" : "Zone." + Zone;
    }

    /// <summary>An IP address, domain, URL or hash: a pivot with the events' observable menu and a copy button.</summary>
    public sealed record ObservableValue(Observable Observable) : PanelNode;

    /// <summary>An object: name/value pairs, shown as a description list.</summary>
    public sealed record FieldSet(IReadOnlyList<PanelField> Fields) : PanelNode;

    /// <summary>An array of values that are not all objects.</summary>
    public sealed record ItemList(IReadOnlyList<PanelNode> Items) : PanelNode;

    /// <summary>An array of objects: columns from the union of their keys, in the order first met.</summary>
    public sealed record RecordTable(IReadOnlyList<PanelLabel> Columns, IReadOnlyList<IReadOnlyList<PanelNode>> Rows) : PanelNode;

    /// <summary>Null, an empty array or object: TIP has nothing here.</summary>
    public sealed record Nothing : PanelNode;
}

public sealed record PanelField(PanelLabel Label, PanelNode Value);
