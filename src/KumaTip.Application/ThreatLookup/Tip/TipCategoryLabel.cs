using System.Collections.Frozen;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// Turns TIP category codes into readable labels: <c>CATEGORY_PHISHING</c> → <c>Phishing</c>,
/// <c>CATEGORY_BOTNET_CNC</c> → <c>Botnet CnC</c>. No full list of categories is published, so the rule is
/// generic (drop the prefix, words in title case) with a small table for acronyms.
/// </summary>
public static class TipCategoryLabel
{
    private const string Prefix = "CATEGORY_";

    private static readonly FrozenDictionary<string, string> WordOverrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["CNC"] = "CnC",
        ["C2"] = "C2",
        ["APT"] = "APT",
        ["IP"] = "IP",
        ["URL"] = "URL",
        ["DNS"] = "DNS",
        ["DGA"] = "DGA",
        ["VPN"] = "VPN",
        ["P2P"] = "P2P",
        ["TOR"] = "Tor",
        ["ICS"] = "ICS",
        ["IOT"] = "IoT",
        ["SMS"] = "SMS",
        ["DDOS"] = "DDoS",
        ["AND"] = "and",
        ["OR"] = "or",
        ["OF"] = "of",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The readable label of a category code; a value that is not a code comes back trimmed but otherwise as it came.</summary>
    public static string Readable(string? category)
    {
        var code = category?.Trim() ?? "";
        if (!code.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || code.Length == Prefix.Length)
        {
            return code;
        }

        var words = code[Prefix.Length..].Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Select((word, index) => Word(word, isFirst: index == 0)));
    }

    private static string Word(string word, bool isFirst)
    {
        if (WordOverrides.TryGetValue(word, out var label))
        {
            // A connective stays lower-case inside a label but not at its start.
            return isFirst && label.All(char.IsLower) ? TitleCase(label) : label;
        }

        return TitleCase(word);
    }

    private static string TitleCase(string word) =>
        char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant();
}
