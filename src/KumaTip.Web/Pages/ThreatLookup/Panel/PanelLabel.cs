using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Pages.ThreatLookup.Panel;

/// <summary>
/// The label of a title or a field: resource keys (ThreatLookupText.resx) tried in order, derived from TIP's names so
/// that a new data group needs only its labels, and the words of the name when no key is found, so that a field TIP
/// adds later still reads as words (<c>FirstSeen</c> → "First seen") rather than as a raw key.
/// </summary>
/// <param name="Name">The TIP name (a data group or a field), or the resource key of a fixed title.</param>
/// <param name="Keys">A data group is its own key; a field is <c>Field.{Parent}.{Name}</c>, then <c>Field.{Name}</c>.</param>
public sealed partial record PanelLabel(string Name, IReadOnlyList<string> Keys, string Fallback)
{
    /// <summary>A fixed title such as "About", whose key is its English text.</summary>
    public static PanelLabel Title(string key) => new(key, [key], key);

    public static PanelLabel Group(string group) => new(group, [group], Words(group));

    /// <param name="parent">The data group, or the object or list (<c>Registrar</c>, <c>Contacts</c>) the field sits in.</param>
    public static PanelLabel Field(string parent, string name) => new(name, [$"Field.{parent}.{name}", $"Field.{name}"], Words(name));

    /// <summary>The label in the current UI culture.</summary>
    public string In(IStringLocalizer text)
    {
        foreach (var key in Keys)
        {
            if (text[key] is { ResourceNotFound: false } found)
            {
                return found.Value;
            }
        }

        return Fallback;
    }

    /// <summary>A value's label where TIP's known values have one (<c>Value.Status.known</c> → "Known"); else the value.</summary>
    public static string ValueIn(IStringLocalizer text, string? field, string value) =>
        field is not null && value.Length <= 64 && text[$"Value.{field}.{value}"] is { ResourceNotFound: false } found ? found.Value : value;

    /// <summary><c>FirstSeen</c> → "First seen", <c>Ipv4Count</c> → "Ipv4 count", <c>HTTPStatus</c> → "HTTP status", <c>first_seen</c> → "First seen".</summary>
    public static string Words(string name)
    {
        var words = WordBoundary().Split(name.Trim()).Where(w => w.Length > 0).ToList();
        if (words.Count == 0)
        {
            return name;
        }

        return string.Join(' ', words.Select((word, i) =>
            word.Length > 1 && word.All(c => !char.IsLower(c)) ? word
            : i == 0 ? char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant()
            : word.ToLowerInvariant()));
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|[_\\s-]+")]
    private static partial Regex WordBoundary();
}
