namespace KumaTip.Application.Observables;

/// <summary>
/// The four kinds the Threat Intelligence Portal distinguishes, and the one type KumaTip's pages, API, data-group
/// catalogue and TIP requests speak of: each has its own data groups and its own <c>/api/{type}/</c> path.
/// MD5, SHA1 and SHA256 are all <see cref="Hash"/>; IPv4 and IPv6 are both <see cref="Ip"/>; a host name is a <see cref="Domain"/>.
/// </summary>
public enum ObservableCategory
{
    Ip,
    Domain,
    Url,
    Hash,
}

public static class ObservableCategories
{
    /// <summary>How TIP names the category (<c>hash</c>, <c>ip</c>, <c>domain</c>, <c>url</c>): the <c>{type}</c> of its paths and of KumaTip's links and API.</summary>
    public static string TipName(this ObservableCategory category) => category switch
    {
        ObservableCategory.Ip => "ip",
        ObservableCategory.Domain => "domain",
        ObservableCategory.Url => "url",
        ObservableCategory.Hash => "hash",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>Reads a <see cref="TipName"/> back, without regard to case.</summary>
    public static bool TryParse(string? name, out ObservableCategory category)
    {
        foreach (var candidate in Enum.GetValues<ObservableCategory>())
        {
            if (string.Equals(candidate.TipName(), name, StringComparison.OrdinalIgnoreCase))
            {
                category = candidate;
                return true;
            }
        }

        category = default;
        return false;
    }
}
