using System.Globalization;
using System.Text.RegularExpressions;
using KumaTip.Application.Common;

namespace KumaTip.Application.Observables;

/// <summary>
/// http, https and ftp URLs, normalised so that the same resource pasted differently gets the same key:
/// the scheme and host are lower-cased, the host is punycode (an IPv4-mapped IPv6 host becomes the IPv4 address),
/// the default port is dropped, the path gets <see cref="Uri"/>'s canonical form (dot segments resolved,
/// characters that must be escaped percent-encoded, "/" for an empty path, as every HTTP client sends it), and the
/// path and query otherwise keep their case.
/// </summary>
/// <remarks>
/// Dropped: the fragment, which never reaches a server, and the user-info (<c>user:password@</c>). Threat Lookup
/// judges the resource, not the account used to reach it, and credentials found in a log must not be sent to a
/// third party. <c>http://paypal.com@evil.example/</c> therefore becomes <c>http://evil.example/</c>, which is the
/// host the browser really contacts.
/// </remarks>
internal static partial class UrlParser
{
    /// <summary>The TIP answers 414 for a longer URL; we refuse it before a request is spent.</summary>
    public const int MaxLength = 2000;

    private static readonly Dictionary<string, int> DefaultPorts = new(StringComparer.Ordinal)
    {
        ["http"] = 80,
        ["https"] = 443,
        ["ftp"] = 21,
    };

    /// <summary>Whether the value starts with a scheme (<c>name://</c>); defanged schemes are refanged before.</summary>
    public static bool HasScheme(string text) => SchemePrefix().IsMatch(text);

    /// <param name="text">Trimmed and refanged input.</param>
    /// <param name="assumeHttp">Whether a value without scheme (<c>example.com/path</c>) is taken as an http URL.</param>
    public static Result<Observable> Parse(string text, bool assumeHttp)
    {
        string scheme;
        string rest;
        var schemeMatch = SchemePrefix().Match(text);
        if (schemeMatch.Success)
        {
            scheme = schemeMatch.Groups["scheme"].Value.ToLowerInvariant();
            rest = text[schemeMatch.Length..];
        }
        else if (text.StartsWith("//", StringComparison.Ordinal))
        {
            scheme = "http";
            rest = text[2..];
        }
        else if (assumeHttp)
        {
            scheme = "http";
            rest = text;
        }
        else
        {
            return ObservableErrors.InvalidUrl(text, "it does not start with http://, https:// or ftp://");
        }

        if (!DefaultPorts.TryGetValue(scheme, out var defaultPort))
        {
            return ObservableErrors.UrlSchemeNotSupported(scheme);
        }

        var fragment = rest.IndexOf('#');
        if (fragment >= 0)
        {
            rest = rest[..fragment];
        }

        var authorityEnd = rest.AsSpan().IndexOfAny("/?\\");
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var pathAndQuery = authorityEnd < 0 ? "" : rest[authorityEnd..];

        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority[(at + 1)..];
        }

        var hostAndPort = SplitHostAndPort(authority, text);
        if (hostAndPort.Error is { } splitError)
        {
            return splitError;
        }

        var (hostText, port) = hostAndPort.Value;
        if (hostText.Length == 0)
        {
            return ObservableErrors.UrlWithoutHost();
        }

        var host = ParseHost(hostText, text);
        if (host.Error is { } hostError)
        {
            return hostError;
        }

        var (hostValue, hostDisplay, reserved) = host.Value;
        var portSuffix = port is null || port == defaultPort ? "" : string.Create(CultureInfo.InvariantCulture, $":{port}");
        var origin = $"{scheme}://{hostValue}{portSuffix}";

        // Browsers treat "\" in an http path as "/"; Uri refuses it in some places, so we do it first.
        var queryStart = pathAndQuery.IndexOf('?');
        var path = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
        if (path.Contains('\\'))
        {
            pathAndQuery = string.Concat(path.Replace('\\', '/'), pathAndQuery.AsSpan(path.Length));
        }

        if (!Uri.TryCreate(origin + pathAndQuery, UriKind.Absolute, out var uri))
        {
            return ObservableErrors.InvalidUrl(text, "its path or query cannot be read");
        }

        // "http://host/?" asks for the same resource as "http://host/".
        var canonicalPathAndQuery = uri.PathAndQuery.EndsWith('?') && uri.Query.Length <= 1 ? uri.PathAndQuery[..^1] : uri.PathAndQuery;
        var value = origin + canonicalPathAndQuery;
        if (value.Length > MaxLength)
        {
            return ObservableErrors.UrlTooLong(value.Length);
        }

        var display = $"{scheme}://{hostDisplay}{portSuffix}{canonicalPathAndQuery}";
        return new Observable(ObservableType.Url, value, display, reserved);
    }

    private static Result<(string Host, int? Port)> SplitHostAndPort(string authority, string quoted)
    {
        string host;
        string portText;
        if (authority.StartsWith('['))
        {
            var close = authority.IndexOf(']');
            if (close < 0)
            {
                return ObservableErrors.InvalidUrl(quoted, "the IPv6 host's '[' is not closed by ']'");
            }

            host = authority[..(close + 1)];
            var after = authority[(close + 1)..];
            if (after.Length > 0 && after[0] != ':')
            {
                return ObservableErrors.InvalidUrl(quoted, $"'{after}' after the IPv6 host is not a port");
            }

            portText = after.Length > 0 ? after[1..] : "";
        }
        else
        {
            var colon = authority.LastIndexOf(':');
            host = colon < 0 ? authority : authority[..colon];
            portText = colon < 0 ? "" : authority[(colon + 1)..];
        }

        // "http://example.com:/" is allowed by RFC 3986 and means the default port.
        if (portText.Length == 0)
        {
            return (host, null);
        }

        if (portText.Length > 5 || portText.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0
            || int.Parse(portText, CultureInfo.InvariantCulture) is < 1 or > 65535)
        {
            return ObservableErrors.InvalidUrl(quoted, $"the port '{portText}' is not a number from 1 to 65535");
        }

        return (host, int.Parse(portText, CultureInfo.InvariantCulture));
    }

    private static Result<(string Value, string Display, ReservedReason? Reserved)> ParseHost(string host, string quoted)
    {
        if (host.StartsWith('['))
        {
            var ip = Ipv6Parser.Parse(host);
            if (ip.Value is not { } address)
            {
                return ObservableErrors.InvalidUrl(quoted, $"the host {ip.Error!.Message}");
            }

            var literal = address.Type == ObservableType.Ipv6 ? $"[{address.Value}]" : address.Value;
            return (literal, literal, address.ReservedReason);
        }

        if (Ipv4Parser.LooksLikeIpv4(host))
        {
            var ip = Ipv4Parser.ParseAddress(host, host);
            if (ip.Error is { } error)
            {
                return ObservableErrors.InvalidUrl(quoted, $"the host {error.Message}");
            }

            var address = Ipv4Parser.Build(ip.Value);
            return (address.Value, address.Value, address.ReservedReason);
        }

        var name = DomainParser.ParseName(host, host);
        if (name.Error is { } nameError)
        {
            return ObservableErrors.InvalidUrl(quoted, $"the host {nameError.Message}");
        }

        return (name.Value.Ascii, name.Value.Unicode, ReservedDomains.Check(name.Value.Ascii));
    }

    [GeneratedRegex(@"^(?<scheme>[a-z][a-z0-9+.\-]*)://", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SchemePrefix();
}
