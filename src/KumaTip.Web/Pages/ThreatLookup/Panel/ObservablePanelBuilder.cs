using System.Text.Json;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// Builds the details panel from the cached data groups: About and Zone, then General information, Categories with
/// zones, WHOIS, Registrar and Contacts taken from the general and WHOIS groups, then every other group obtained.
/// Works on the raw JSON of each group, so fields and groups TIP adds later are shown rather than dropped.
/// </summary>
public static class ObservablePanelBuilder
{
    private const int MaxDepth = 12;

    // Shown in their own sections (or, for LicenseInfo, not at all: it is the account's counters, not the object's).
    private static readonly HashSet<string> NotShownAsGroups = new(StringComparer.OrdinalIgnoreCase) { TipDataGroups.Zone, TipDataGroups.LicenseInfo };

    public static ObservablePanel Build(ObservableDetails details)
    {
        var category = details.Observable.Category;
        var isFile = category == ObservableCategory.Hash;
        var sections = new List<PanelSection>();
        if (!details.NotFound)
        {
            var zoneGroup = details.Sections.FirstOrDefault(s => s.Name == TipDataGroups.Zone);
            sections.Add(new PanelSection("Zone", null, zoneGroup?.ObtainedAt ?? details.UpdatedAt, zoneGroup?.Stale ?? details.Stale, new PanelNode.ZoneValue(details.Zone, isFile)));
        }

        var shown = new HashSet<string>(NotShownAsGroups, StringComparer.OrdinalIgnoreCase);
        if (details.Sections.FirstOrDefault(s => s.Name.EndsWith("GeneralInfo", StringComparison.OrdinalIgnoreCase)) is { } general)
        {
            shown.Add(general.Name);
            AddGeneralInformation(sections, general);
        }

        if (details.Sections.FirstOrDefault(s => s.Name.Contains("WhoIs", StringComparison.OrdinalIgnoreCase)) is { } whois)
        {
            shown.Add(whois.Name);
            AddWhois(sections, whois);
        }

        foreach (var group in details.Sections.Where(s => !shown.Contains(s.Name)))
        {
            using var json = JsonDocument.Parse(group.Json);
            sections.Add(new PanelSection(group.Name, group.Name, group.ObtainedAt, group.Stale, Node(json.RootElement, 0)));
        }

        var held = details.Sections.Select(s => s.Name).Where(name => TipDataGroups.IsKnown(category, name)).ToList();
        return new ObservablePanel(details, TipDataGroups.PanelTitleKey(category), isFile, sections, held.Count > 0 ? held : TipDataGroups.DefaultKeys(category));
    }

    private static void AddGeneralInformation(List<PanelSection> sections, SectionDetails group)
    {
        using var json = JsonDocument.Parse(group.Json);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            sections.Add(new PanelSection("General information", group.Name, group.ObtainedAt, group.Stale, Node(root, 0)));
            return;
        }

        var categories = Categories(root);
        var fields = root.EnumerateObject()
            .Where(p => categories is null || !IsCategoriesProperty(p.Name))
            .Select(p => Field(p, 0)).ToList();
        sections.Add(new PanelSection("General information", group.Name, group.ObtainedAt, group.Stale, new PanelNode.FieldSet(fields)));
        if (categories is not null)
        {
            sections.Add(new PanelSection("Categories with zones", group.Name, group.ObtainedAt, group.Stale, categories));
        }
    }

    private static void AddWhois(List<PanelSection> sections, SectionDetails group)
    {
        using var json = JsonDocument.Parse(group.Json);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            sections.Add(new PanelSection("WHOIS", group.Name, group.ObtainedAt, group.Stale, Node(root, 0)));
            return;
        }

        var whois = root.EnumerateObject().Where(p => !Is(p.Name, "Registrar") && !Is(p.Name, "Contacts")).Select(p => Field(p, 0)).ToList();
        sections.Add(new PanelSection("WHOIS", group.Name, group.ObtainedAt, group.Stale, new PanelNode.FieldSet(whois)));
        foreach (var (name, title) in new[] { ("Registrar", "Registrar"), ("Contacts", "Contacts") })
        {
            if (Property(root, name) is { } value)
            {
                sections.Add(new PanelSection(title, group.Name, group.ObtainedAt, group.Stale, Node(value, 0)));
            }
        }
    }

    /// <summary>CategoriesWithZone, then any plain Categories not among them (without a zone); null when neither is there.</summary>
    private static PanelNode.CategoryList? Categories(JsonElement general)
    {
        var withZone = Property(general, "CategoriesWithZone") is { ValueKind: JsonValueKind.Array } zoned
            ? zoned.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Object
                ? new CategoryItem(TipCategoryLabel.Readable(Text(Property(c, "Name"))), TipZones.Parse(Text(Property(c, "Zone"))))
                : new CategoryItem(TipCategoryLabel.Readable(Text(c)), TipZone.Unknown)).ToList()
            : null;
        var plain = Property(general, "Categories") is { ValueKind: JsonValueKind.Array } names
            ? names.EnumerateArray().Select(c => new CategoryItem(TipCategoryLabel.Readable(Text(c)), TipZone.Unknown)).ToList()
            : null;
        if (withZone is null && plain is null)
        {
            return null;
        }

        var all = withZone ?? [];
        all.AddRange((plain ?? []).Where(p => all.All(c => c.Label != p.Label)));
        return new PanelNode.CategoryList(all);
    }

    private static PanelField Field(JsonProperty property, int depth) => new(property.Name, Named(property.Name, property.Value, depth + 1));

    /// <summary>A value by its name: a zone (<c>Zone</c>, <c>SignerZone</c>...) as a badge, category codes as readable labels.</summary>
    private static PanelNode Named(string name, JsonElement value, int depth)
    {
        if (value.ValueKind == JsonValueKind.String && name.EndsWith("Zone", StringComparison.OrdinalIgnoreCase)
            && TipZones.Parse(value.GetString()) is var zone and not TipZone.Unknown)
        {
            return new PanelNode.ZoneValue(zone);
        }

        if (Is(name, "Categories") && value.ValueKind == JsonValueKind.Array)
        {
            return new PanelNode.ItemList(value.EnumerateArray().Select(c => (PanelNode)new PanelNode.TextValue(TipCategoryLabel.Readable(Text(c)))).ToList());
        }

        return Node(value, depth);
    }

    private static PanelNode Node(JsonElement value, int depth)
    {
        if (depth > MaxDepth)
        {
            return new PanelNode.TextValue(value.GetRawText());
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var fields = value.EnumerateObject().Select(p => Field(p, depth)).ToList();
                return fields.Count == 0 ? new PanelNode.Nothing() : new PanelNode.FieldSet(fields);
            case JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                if (items.Count == 0)
                {
                    return new PanelNode.Nothing();
                }

                return items.All(i => i.ValueKind == JsonValueKind.Object) ? Table(items, depth) : new PanelNode.ItemList(items.Select(i => Node(i, depth + 1)).ToList());
            case JsonValueKind.True or JsonValueKind.False:
                return new PanelNode.FlagValue(value.GetBoolean());
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return new PanelNode.Nothing();
            default:
                return new PanelNode.TextValue(Text(value));
        }
    }

    private static PanelNode.RecordTable Table(List<JsonElement> records, int depth)
    {
        var columns = records.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();
        var rows = records.Select(r => (IReadOnlyList<PanelNode>)columns
            .Select(c => r.TryGetProperty(c, out var cell) ? Named(c, cell, depth + 1) : new PanelNode.Nothing())
            .ToList()).ToList();
        return new PanelNode.RecordTable(columns, rows);
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (Is(property.Name, name))
            {
                return property.Value;
            }
        }

        return null;
    }

    private static string Text(JsonElement? value) => value switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString() ?? "",
        { ValueKind: JsonValueKind.Null } or null => "",
        { } other => other.GetRawText(),
    };

    private static bool IsCategoriesProperty(string name) => Is(name, "Categories") || Is(name, "CategoriesWithZone");

    private static bool Is(string name, string expected) => string.Equals(name, expected, StringComparison.OrdinalIgnoreCase);
}
