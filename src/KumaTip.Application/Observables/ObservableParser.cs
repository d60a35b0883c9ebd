using KumaTip.Application.Common;

namespace KumaTip.Application.Observables;

/// <summary>
/// Turns what an analyst pastes or an event carries into a normalised <see cref="Observable"/>, or an error that
/// quotes the value and says what is wrong with it.
/// </summary>
/// <remarks>
/// Auto-detection order, first match wins:
/// <list type="number">
/// <item>only hex digits (32+ of them, or with a digit): a hash, MD5/SHA1/SHA256 by length;</item>
/// <item>a scheme (<c>http://</c>, <c>hxxps[:]//</c>...): a URL. An IP written with a scheme is a URL, as the TIP wants;</item>
/// <item>a host followed by a path, query or fragment (<c>example.com/path</c>, <c>1.2.3.4/x</c>): a URL, http assumed,
/// because only URLs have paths and the TIP would refuse the value as a domain. An IP with <c>/24</c> is a network
/// range and refused. The host must contain a dot (or be <c>localhost</c> or a bracketed IPv6), so a Windows path
/// such as <c>C:\Temp</c> is not taken for a URL;</item>
/// <item>digits and dots: an IPv4 address; bracketed, or hex digits with two colons or more: an IPv6 address
/// (<c>:port</c> after either is dropped);</item>
/// <item>anything else: a domain (host names are domains for the TIP).</item>
/// </list>
/// </remarks>
public static class ObservableParser
{
    /// <summary>Longer input is refused before any parsing work: no observable the TIP takes is this long.</summary>
    private const int MaxInputLength = 16 * 1024;

    /// <summary>Parses a value whose type is to be detected.</summary>
    public static Result<Observable> Parse(string? input)
    {
        var prepared = Prepare(input);
        return prepared.Error is { } error ? error : Detect(prepared.Value!);
    }

    /// <summary>
    /// Parses a value that the caller says is of the <paramref name="expected"/> type. A value of another type gets a
    /// <c>type_mismatch</c> error saying what it is. A value expected as a URL may omit the scheme (http is assumed).
    /// An IPv4-mapped IPv6 address expected as IPv6 comes back as the IPv4 address it stands for.
    /// </summary>
    public static Result<Observable> Parse(string? input, ObservableType expected)
    {
        var prepared = Prepare(input);
        if (prepared.Error is { } error)
        {
            return error;
        }

        var text = prepared.Value!;
        var parsed = expected switch
        {
            ObservableType.Md5 or ObservableType.Sha1 or ObservableType.Sha256 => HashParser.Parse(text),
            ObservableType.Ipv4 => Ipv4Parser.Parse(text),
            ObservableType.Ipv6 => Ipv6Parser.Parse(text),
            ObservableType.Domain => DomainParser.Parse(text),
            ObservableType.Url => UrlParser.Parse(text, assumeHttp: true),
            _ => throw new ArgumentOutOfRangeException(nameof(expected), expected, null),
        };

        if (parsed.Value is { } observable)
        {
            var sameType = observable.Type == expected || (expected == ObservableType.Ipv6 && observable.Type == ObservableType.Ipv4);
            return sameType ? observable : ObservableErrors.TypeMismatch(text, observable.Type, expected);
        }

        // The value may be fine, just not what the caller expected: saying what it is helps more than "invalid".
        // Not when it is merely a word that could be an intranet host name: then the specific error says more.
        var detected = Detect(text);
        return detected.Value is { } other && other.Type != expected && other.ReservedReason?.Code != ReservedDomains.SingleLabelCode
            ? ObservableErrors.TypeMismatch(text, other.Type, expected)
            : parsed;
    }

    /// <summary>
    /// Parses what a link, form or API call names: a value and a <paramref name="type"/> that is a TIP type (hash, ip,
    /// domain, url), an exact one (md5, ipv6...) or empty (detected). Pages, the panel and the API call this once at the
    /// edge; everything further in takes the <see cref="Observable"/>.
    /// </summary>
    public static Result<Observable> Parse(string? value, string? type)
    {
        if (string.IsNullOrWhiteSpace(type))
        {
            return Parse(value);
        }

        type = type.Trim();
        if (!int.TryParse(type, out _) && Enum.TryParse<ObservableType>(type, ignoreCase: true, out var exact))
        {
            return Parse(value, exact);
        }

        if (!ObservableCategories.TryParse(type, out var category))
        {
            return Error.Invalid("type", $"Unknown type '{type}': use hash, ip, domain or url (or md5, sha1, sha256, ipv4, ipv6).");
        }

        var parsed = Parse(value);
        return parsed.Value is { } observable && observable.Category != category
            ? Error.Invalid("type", $"'{value}' is a {observable.TipType}, not a {type.ToLowerInvariant()}.")
            : parsed;
    }

    private static Result<string> Prepare(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return ObservableErrors.Empty();
        }

        if (input.Length > MaxInputLength)
        {
            return UrlParser.HasScheme(InputCleaning.Refang(InputCleaning.Trim(input[..64])))
                ? ObservableErrors.UrlTooLong(input.Length)
                : ObservableErrors.TooLong(input.Length);
        }

        var text = InputCleaning.Refang(InputCleaning.Trim(input));
        return text.Length == 0 ? ObservableErrors.Empty() : text;
    }

    private static Result<Observable> Detect(string text)
    {
        if (HashParser.LooksLikeHash(text))
        {
            return HashParser.Parse(text);
        }

        if (UrlParser.HasScheme(text) || text.StartsWith("//", StringComparison.Ordinal))
        {
            return UrlParser.Parse(text, assumeHttp: false);
        }

        var pathStart = text.AsSpan().IndexOfAny("/?#\\");
        if (pathStart >= 0)
        {
            var host = text[..pathStart];
            var rest = text.AsSpan(pathStart);
            if (rest.Length is >= 2 and <= 4 && rest[0] == '/' && rest[1..].IndexOfAnyExceptInRange('0', '9') < 0
                && (Ipv4Parser.LooksLikeIpv4(host) || Ipv6Parser.LooksLikeIpv6(host)))
            {
                return ObservableErrors.NetworkRange(text);
            }

            return LooksLikeHost(host) ? UrlParser.Parse(text, assumeHttp: true) : ObservableErrors.Unrecognised(text);
        }

        if (Ipv6Parser.LooksLikeIpv6(text))
        {
            return Ipv6Parser.Parse(text);
        }

        if (Ipv4Parser.LooksLikeIpv4(text))
        {
            return Ipv4Parser.Parse(text);
        }

        var domain = DomainParser.Parse(text);
        return domain.Succeeded || LooksLikeHost(text) ? domain : ObservableErrors.Unrecognised(text);
    }

    /// <summary>Could this be the host[:port] of a URL written without scheme? Rules out Windows paths and prose.</summary>
    private static bool LooksLikeHost(string host)
    {
        var at = host.LastIndexOf('@');
        if (at >= 0)
        {
            host = host[(at + 1)..];
        }

        return host.StartsWith('[')
            || host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase)
            || (host.Contains('.') && !host.AsSpan().ContainsAny(" \t\\\"'<>"));
    }
}
