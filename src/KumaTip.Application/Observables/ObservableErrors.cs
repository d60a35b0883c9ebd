using KumaTip.Application.Common;

namespace KumaTip.Application.Observables;

/// <summary>The errors parsing can give: stable codes for API clients, messages that quote the input and say what is wrong.</summary>
internal static class ObservableErrors
{
    /// <summary>An input longer than this is quoted shortened, so a pasted log line cannot flood a message.</summary>
    private const int MaxQuotedLength = 80;

    public static Error Empty() =>
        new("observable_required", "Enter a domain, URL, IP address or MD5, SHA1 or SHA256 hash.");

    public static Error TooLong(int length) =>
        new("observable_too_long", $"The value is {length} characters long: that is no domain, URL, IP address or hash that can be looked up.");

    public static Error Unrecognised(string input) =>
        new("observable_unrecognised", $"{Quote(input)} is not a domain, URL, IP address or MD5, SHA1 or SHA256 hash.");

    public static Error InvalidHash(string input, string why) =>
        new("invalid_hash", $"{Quote(input)} is not a valid MD5, SHA1 or SHA256 hash: {why}");

    public static Error InvalidIpv4(string input, string why) =>
        new("invalid_ipv4", $"{Quote(input)} is not a valid IPv4 address: {why}");

    public static Error InvalidIpv6(string input, string why) =>
        new("invalid_ipv6", $"{Quote(input)} is not a valid IPv6 address: {why}");

    public static Error InvalidDomain(string input, string why) =>
        new("invalid_domain", $"{Quote(input)} is not a valid domain: {why}");

    public static Error InvalidUrl(string input, string why) =>
        new("invalid_url", $"{Quote(input)} is not a valid URL: {why}");

    public static Error UrlWithoutHost() =>
        new("url_without_host", "The URL has no host: write it as scheme://host/path, e.g. http://example.com/file.exe.");

    public static Error UrlSchemeNotSupported(string scheme) =>
        new("url_scheme_not_supported", $"The URL scheme '{Shorten(scheme)}' is not supported: Threat Lookup takes http, https and ftp URLs.");

    public static Error UrlTooLong(int length) =>
        new("url_too_long", $"A URL longer than {UrlParser.MaxLength} characters cannot be looked up (this one has {length}).");

    public static Error NetworkRange(string input) =>
        new("network_range", $"{Quote(input)} is a network range: Threat Lookup takes a single IP address.");

    public static Error TypeMismatch(string input, ObservableType actual, ObservableType expected) =>
        new("type_mismatch", $"{Quote(input)} is {Describe(actual)}, not {Describe(expected)}.");

    public static Error InvalidKey(string input) =>
        new("invalid_observable_key", $"{Quote(input)} is not an observable key: expected a type and a value, e.g. 'ip:1.2.3.4' or 'md5:…'.");

    public static string Describe(ObservableType type) => type switch
    {
        ObservableType.Ipv4 => "an IPv4 address",
        ObservableType.Ipv6 => "an IPv6 address",
        ObservableType.Domain => "a domain",
        ObservableType.Url => "a URL",
        ObservableType.Md5 => "an MD5 hash",
        ObservableType.Sha1 => "a SHA1 hash",
        ObservableType.Sha256 => "a SHA256 hash",
        _ => type.ToString(),
    };

    public static string Quote(string input) => $"'{Shorten(input)}'";

    private static string Shorten(string input) =>
        input.Length <= MaxQuotedLength ? input : string.Concat(input.AsSpan(0, MaxQuotedLength - 1), "…");
}
