namespace KumaTip.TipSimulator.Data;

internal static class DomainNames
{
    // Enough second-level public suffixes to keep WHOIS on the registrable domain for common cases.
    private static readonly HashSet<string> SecondLevelSuffixes = ["co", "com", "net", "org", "gov", "ac", "edu"];

    /// <summary>The host of a URL as TIP takes it (a URL may come without a scheme), lower-case; empty if none.</summary>
    public static string HostOfUrl(string url)
    {
        var withScheme = url.Contains("://", StringComparison.Ordinal) ? url : "http://" + url;
        return Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) ? uri.IdnHost.Trim('[', ']').ToLowerInvariant() : "";
    }

    /// <summary>The name a WHOIS record is about: "dd.daywinners.com" → "daywinners.com", "a.b.co.uk" → "b.co.uk".</summary>
    public static string Registrable(string domain)
    {
        var labels = domain.Split('.');
        var keep = labels.Length >= 3 && labels[^1].Length == 2 && SecondLevelSuffixes.Contains(labels[^2]) ? 3 : 2;
        return string.Join('.', labels[Math.Max(0, labels.Length - keep)..]);
    }

    public static bool IsSameOrSubdomain(string domain, string parent) =>
        domain == parent || domain.EndsWith("." + parent, StringComparison.Ordinal);

    /// <summary>The domain itself, then each parent: "a.b.com", "b.com", "com".</summary>
    public static IEnumerable<string> SelfAndParents(string domain)
    {
        for (var name = domain; name.Length > 0; name = name.Contains('.') ? name[(name.IndexOf('.') + 1)..] : "")
        {
            yield return name;
        }
    }
}
