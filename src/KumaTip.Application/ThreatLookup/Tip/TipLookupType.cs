namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// The object kinds the Threat Lookup API answers for: the <c>{type}</c> segment of <c>/api/{type}/{value}</c>.
/// There is no host type: a host name is looked up as <see cref="Domain"/>.
/// </summary>
public enum TipLookupType
{
    Hash,
    Ip,
    Domain,
    Url,
}

public static class TipLookupTypeExtensions
{
    /// <summary>The path segment the API expects (<c>hash</c>, <c>ip</c>, <c>domain</c>, <c>url</c>).</summary>
    public static string PathSegment(this TipLookupType type) => type switch
    {
        TipLookupType.Hash => "hash",
        TipLookupType.Ip => "ip",
        TipLookupType.Domain => "domain",
        TipLookupType.Url => "url",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Threat Lookup type."),
    };

    /// <summary>Reads a path segment back (case-insensitive), for the simulator and for stored task parameters.</summary>
    public static bool TryParsePathSegment(string? segment, out TipLookupType type)
    {
        foreach (var candidate in Enum.GetValues<TipLookupType>())
        {
            if (string.Equals(candidate.PathSegment(), segment, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
