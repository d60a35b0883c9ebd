using KumaTip.Application.Common;

namespace KumaTip.Application.Observables;

/// <summary>
/// A domain, URL, IP address or file hash in its normalised form: the same object pasted in different ways
/// (upper case, defanged, with a fragment, IPv6 written long or short...) gives an equal <see cref="Observable"/>
/// and the same <see cref="Key"/>. Instances come only from <see cref="ObservableParser"/> and
/// <see cref="ObservableExtractor"/>, so a value held here is always valid.
/// </summary>
public sealed record Observable
{
    internal Observable(ObservableType type, string value, string display, ReservedReason? reservedReason = null)
    {
        Type = type;
        Value = value;
        Display = display;
        ReservedReason = reservedReason;
        Key = $"{KeyPrefix(type)}:{value}";
    }

    public ObservableType Type { get; }

    /// <summary>The normalised value: what is sent to the TIP and what identifies the object (punycode for IDN).</summary>
    public string Value { get; }

    /// <summary>What a person reads: equal to <see cref="Value"/> except that internationalised names are in Unicode.</summary>
    public string Display { get; }

    /// <summary>
    /// One key per object, e.g. <c>ip:1.2.3.4</c>, <c>domain:xn--e1afmkfd.xn--p1ai</c>, <c>md5:…</c>,
    /// <c>url:http://example.com/x</c>. IPv4 and IPv6 share the <c>ip:</c> prefix, as they share the TIP's type.
    /// </summary>
    public string Key { get; }

    /// <summary>Set when the value is private or reserved (see <see cref="Observables.ReservedReason"/>).</summary>
    public ReservedReason? ReservedReason { get; }

    public bool IsPrivateOrReserved => ReservedReason is not null;

    public ObservableCategory Category => CategoryOf(Type);

    /// <summary>The category as TIP names it (<c>hash</c>, <c>ip</c>, <c>domain</c>, <c>url</c>): the <c>type</c> of links, forms and the API.</summary>
    public string TipType => Category.TipName();

    public override string ToString() => Key;

    public static ObservableCategory CategoryOf(ObservableType type) => type switch
    {
        ObservableType.Ipv4 or ObservableType.Ipv6 => ObservableCategory.Ip,
        ObservableType.Domain => ObservableCategory.Domain,
        ObservableType.Url => ObservableCategory.Url,
        ObservableType.Md5 or ObservableType.Sha1 or ObservableType.Sha256 => ObservableCategory.Hash,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>
    /// Reads a <see cref="Key"/> back (<c>ip:1.2.3.4</c>, <c>md5:…</c>): the one way from a stored key, such as a task's,
    /// to its observable.
    /// </summary>
    public static Result<Observable> ParseKey(string? key)
    {
        var colon = key?.IndexOf(':') ?? -1;
        if (key is null || colon <= 0)
        {
            return ObservableErrors.InvalidKey(key ?? "");
        }

        var (prefix, value) = (key[..colon], key[(colon + 1)..]);
        var result = prefix == "ip"
            ? ObservableParser.Parse(value)
            : Enum.TryParse<ObservableType>(prefix, ignoreCase: true, out var type) && KeyPrefix(type) == prefix
                ? ObservableParser.Parse(value, type)
                : ObservableErrors.InvalidKey(key);
        return result.Value is { } observable && KeyPrefix(observable.Type) != prefix ? ObservableErrors.InvalidKey(key) : result;
    }

    /// <summary>Whether <paramref name="key"/> (an <see cref="Key"/>) names a file by one of its hashes.</summary>
    public static bool IsHashKey(string key) =>
        key.StartsWith(KeyPrefix(ObservableType.Md5) + ":", StringComparison.Ordinal)
        || key.StartsWith(KeyPrefix(ObservableType.Sha1) + ":", StringComparison.Ordinal)
        || key.StartsWith(KeyPrefix(ObservableType.Sha256) + ":", StringComparison.Ordinal);

    private static string KeyPrefix(ObservableType type) => type switch
    {
        ObservableType.Ipv4 or ObservableType.Ipv6 => "ip",
        ObservableType.Domain => "domain",
        ObservableType.Url => "url",
        ObservableType.Md5 => "md5",
        ObservableType.Sha1 => "sha1",
        ObservableType.Sha256 => "sha256",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
