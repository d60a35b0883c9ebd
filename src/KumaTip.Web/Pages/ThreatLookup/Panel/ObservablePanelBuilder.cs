using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// Builds the details panel from the cached data groups, in KUMA's order: Zone, the general information and its
/// categories with zones, the WHOIS with its registrar and contacts, then every other group obtained. Works on the raw
/// JSON of each group, so fields and groups TIP adds later are shown rather than dropped. A value becomes what it is
/// by its form and its field's name: times in ISO 8601, numbers, zones (<c>Zone</c>, <c>SignerZone</c>), category
/// codes, and the IP addresses, domains, URLs and hashes of the fields that hold them, which become pivots.
/// </summary>
public static partial class ObservablePanelBuilder
{
    private const int MaxDepth = 12;

    private const string Registrar = "Registrar";

    // Shown in their own sections (or, for LicenseInfo, not at all: it is the account's counters, not the object's).
    private static readonly HashSet<string> NotShownAsGroups = new(StringComparer.OrdinalIgnoreCase) { TipDataGroups.Zone, TipDataGroups.LicenseInfo };

    // Fields holding observables, by the end of their name (TIP spells names in Pascal case: "Zip" is no "Ip").
    private static readonly string[] ObservableFieldEndings =
        ["Ip", "Ipv4", "Ipv6", "Domain", "Subdomain", "DomainName", "Host", "Url", "Md5", "Sha1", "Sha256", "NameServers", "RangeStart", "RangeEnd"];

    // Numbers that name something rather than count it: written without group separators.
    private static readonly string[] IdentifierEndings = ["Id", "Number", "Origin", "Port", "Code"];

    public static ObservablePanel Build(ObservableDetails details)
    {
        var category = details.Observable.Category;
        var isFile = category == ObservableCategory.Hash;
        var sections = new List<PanelSection>();
        if (!details.NotFound)
        {
            var zoneGroup = details.Sections.FirstOrDefault(s => s.Name == TipDataGroups.Zone);
            sections.Add(new PanelSection(
                "Zone", PanelLabel.Title("Zone"), zoneGroup?.ObtainedAt ?? details.UpdatedAt, zoneGroup?.Stale ?? details.Stale, new PanelNode.ZoneValue(details.Zone, isFile, IsVerdict: true)));
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

        // In the order the enrichment window lists them; groups TIP adds later come last.
        var catalogue = TipDataGroups.For(category).Select(g => g.Key).ToList();
        foreach (var group in details.Sections.Where(s => !shown.Contains(s.Name)).OrderBy(s => catalogue.IndexOf(s.Name) is var i and >= 0 ? i : int.MaxValue))
        {
            using var json = JsonDocument.Parse(group.Json);
            sections.Add(Section(group, group.Name, PanelLabel.Group(group.Name), Value(group.Name, json.RootElement, 0)));
        }

        var held = details.Sections.Select(s => s.Name).Where(name => TipDataGroups.IsKnown(category, name)).ToList();
        return new ObservablePanel(details, TipDataGroups.PanelTitleKey(category), sections, held.Count > 0 ? held : TipDataGroups.DefaultKeys(category));
    }

    /// <summary>The general group's fields, then its categories with their zones as a table of their own.</summary>
    private static void AddGeneralInformation(List<PanelSection> sections, SectionDetails group)
    {
        using var json = JsonDocument.Parse(group.Json);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            sections.Add(Section(group, group.Name, PanelLabel.Group(group.Name), Value(group.Name, root, 0)));
            return;
        }

        var categories = Categories(root);
        var fields = root.EnumerateObject()
            .Where(p => categories is null || !IsCategoriesProperty(p.Name))
            .Select(p => Field(group.Name, p, 0)).ToList();
        sections.Add(Section(group, group.Name, PanelLabel.Group(group.Name), new PanelNode.FieldSet(fields)));
        if (categories is not null)
        {
            sections.Add(Section(group, "CategoriesWithZone", PanelLabel.Title("Categories with zones"), categories));
        }
    }

    /// <summary>The WHOIS group's own fields, then the registrar and each list of records (contacts, ASNs) as sections.</summary>
    private static void AddWhois(List<PanelSection> sections, SectionDetails group)
    {
        using var json = JsonDocument.Parse(group.Json);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            sections.Add(Section(group, group.Name, PanelLabel.Group(group.Name), Value(group.Name, root, 0)));
            return;
        }

        var own = root.EnumerateObject().Where(p => !IsOwnSection(p)).Select(p => Field(group.Name, p, 0)).ToList();
        sections.Add(Section(group, group.Name, PanelLabel.Group(group.Name), new PanelNode.FieldSet(own)));
        foreach (var property in root.EnumerateObject().Where(IsOwnSection))
        {
            sections.Add(Section(group, $"{group.Name}.{property.Name}", PanelLabel.Field(group.Name, property.Name), Value(property.Name, property.Value, 1)));
        }
    }

    private static bool IsOwnSection(JsonProperty p) =>
        (Is(p.Name, Registrar) && p.Value.ValueKind == JsonValueKind.Object)
        || (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0 && p.Value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.Object));

    private static PanelSection Section(SectionDetails group, string anchor, PanelLabel title, PanelNode content) =>
        new(anchor, title, group.ObtainedAt, group.Stale, content);

    /// <summary>
    /// KUMA's table of categories (Name, Zone): CategoriesWithZone, then plain Categories not among them; nothing when
    /// both are empty, null when neither is there.
    /// </summary>
    private static PanelNode? Categories(JsonElement general)
    {
        var withZone = Property(general, "CategoriesWithZone") is { ValueKind: JsonValueKind.Array } zoned
            ? zoned.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Object
                ? (Label: TipCategoryLabel.Readable(Text(Property(c, "Name"))), Zone: TipZones.Parse(Text(Property(c, "Zone"))))
                : (Label: TipCategoryLabel.Readable(Text(c)), Zone: TipZone.Unknown)).ToList()
            : null;
        var plain = Property(general, "Categories") is { ValueKind: JsonValueKind.Array } names
            ? names.EnumerateArray().Select(c => (Label: TipCategoryLabel.Readable(Text(c)), Zone: TipZone.Unknown)).ToList()
            : null;
        if (withZone is null && plain is null)
        {
            return null;
        }

        var all = withZone ?? [];
        all.AddRange((plain ?? []).Where(p => all.All(c => c.Label != p.Label)));
        return all.Count == 0 ? new PanelNode.Nothing() : new PanelNode.RecordTable(
            [PanelLabel.Field("CategoriesWithZone", "Name"), PanelLabel.Field("CategoriesWithZone", "Zone")],
            [.. all.Select(c => (IReadOnlyList<PanelNode>)[new PanelNode.TextValue(c.Label), c.Zone == TipZone.Unknown ? new PanelNode.Nothing() : new PanelNode.ZoneValue(c.Zone)])]);
    }

    private static PanelField Field(string parent, JsonProperty property, int depth) =>
        new(PanelLabel.Field(parent, property.Name), Value(property.Name, property.Value, depth + 1));

    /// <summary>The value of the field <paramref name="name"/> (or, for a data group, of the group), by its form and the field's name.</summary>
    private static PanelNode Value(string name, JsonElement value, int depth)
    {
        if (depth > MaxDepth)
        {
            return new PanelNode.TextValue(value.GetRawText());
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Text(name, value.GetString() ?? "");
            case JsonValueKind.Number:
                return value.TryGetDecimal(out var number)
                    ? new PanelNode.NumberValue(number, !IdentifierEndings.Any(e => name.EndsWith(e, StringComparison.Ordinal)))
                    : new PanelNode.TextValue(value.GetRawText());
            case JsonValueKind.True or JsonValueKind.False:
                return new PanelNode.FlagValue(value.GetBoolean());
            case JsonValueKind.Object:
                var fields = value.EnumerateObject().Select(p => Field(name, p, depth)).ToList();
                return fields.Count == 0 ? new PanelNode.Nothing() : new PanelNode.FieldSet(fields);
            case JsonValueKind.Array:
                var items = value.EnumerateArray().ToList();
                if (items.Count == 0)
                {
                    return new PanelNode.Nothing();
                }

                if (items.All(i => i.ValueKind == JsonValueKind.Object))
                {
                    return Table(name, items, depth);
                }

                // Items of a list are values of the list's field: name servers are domains, categories are codes.
                return new PanelNode.ItemList(items.Select(i => Is(name, "Categories") && i.ValueKind == JsonValueKind.String
                    ? new PanelNode.TextValue(TipCategoryLabel.Readable(i.GetString()))
                    : Value(name, i, depth + 1)).ToList());
            default:
                return new PanelNode.Nothing();
        }
    }

    private static PanelNode Text(string name, string text)
    {
        if (name.EndsWith("Zone", StringComparison.OrdinalIgnoreCase) && TipZones.Parse(text) is var zone and not TipZone.Unknown)
        {
            return new PanelNode.ZoneValue(zone);
        }

        if (ObservableFieldEndings.Any(e => name.EndsWith(e, StringComparison.Ordinal)) && ObservableParser.Parse(text).Value is { } observable)
        {
            return new PanelNode.ObservableValue(observable);
        }

        if (IsoTime().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return new PanelNode.DateValue(time, DateOnly: text.Length == 10);
        }

        return new PanelNode.TextValue(text, name);
    }

    private static PanelNode.RecordTable Table(string name, List<JsonElement> records, int depth)
    {
        var columns = records.SelectMany(r => r.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();
        var rows = records.Select(r => (IReadOnlyList<PanelNode>)columns
            .Select(c => r.TryGetProperty(c, out var cell) ? Value(c, cell, depth + 1) : new PanelNode.Nothing())
            .ToList()).ToList();
        return new PanelNode.RecordTable([.. columns.Select(c => PanelLabel.Field(name, c))], rows);
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

    /// <summary>A date, or a date and time with an optional offset, as TIP and WHOIS write them.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$")]
    private static partial Regex IsoTime();
}
