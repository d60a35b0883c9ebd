using System.Globalization;
using KumaTip.Application.Common;
using KumaTip.Application.Observables;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// Builds the Threat Lookup request URI, <c>{BaseUrl}/api/{type}/{value}?sections=…&amp;count=N&amp;format=json</c>,
/// and refuses locally what the service would refuse, so no request of the small quota is spent on it.
/// </summary>
public static class TipRequestBuilder
{
    /// <summary>The service answers 414 beyond this.</summary>
    public const int MaxUrlLength = 2000;

    public const int MinCount = 1;

    /// <summary>Without <c>count</c> the service returns up to this many records per group anyway.</summary>
    public const int MaxCount = 1000;

    /// <summary>
    /// The <c>count</c> every lookup sends. A request costs the same whatever it returns, but a thousand records per
    /// group (a dozen groups for a file) would make a cached answer megabytes of JSON and the panel a wall of rows
    /// nobody reads; a hundred are enough to pivot on and keep each group to tens of KiB. TIP never caps
    /// <c>DetectionsInfo</c> and <c>FileParentCertificates</c>, so the verdict's evidence is always whole.
    /// </summary>
    public const int RecordsPerGroup = 100;

    /// <summary>
    /// The request URI. The value becomes one percent-encoded path segment (RFC 3986: everything but unreserved
    /// characters is encoded, non-ASCII as UTF-8); <see cref="TipDataGroups.AlwaysRequested"/> sections are appended
    /// to <paramref name="sections"/>, which are joined with literal commas.
    /// </summary>
    public static Result<Uri> Build(Uri baseUrl, ObservableCategory type, string value, IEnumerable<string> sections, int? count)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            return new Error("invalid_base_url", "The Threat Lookup base URL must be an absolute http or https address, such as https://tip.kaspersky.com.")
            {
                Field = "BaseUrl",
            };
        }

        if (CheckValue(type, value) is { } invalidValue)
        {
            return invalidValue;
        }

        if (count is < MinCount or > MaxCount)
        {
            return new Error("invalid_count", $"The number of records per data group must be between {MinCount} and {MaxCount}; {count} was asked.")
            {
                Field = "count",
            };
        }

        var groups = TipDataGroups.Validate(type, sections);
        if (groups.Error is { } unknownGroup)
        {
            return unknownGroup;
        }

        // Scheme, host, port and path only: a query or fragment on the configured base has no place in the request,
        // and user information in it must never travel (credentials go in the Authorization header).
        var root = baseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
        var sectionList = string.Join(',', groups.Value!.Concat(TipDataGroups.AlwaysRequested));
        var query = $"sections={sectionList}"
            + (count is { } n ? $"&count={n.ToString(CultureInfo.InvariantCulture)}" : "")
            + "&format=json";

        return new Uri($"{root}/api/{type.TipName()}/{Uri.EscapeDataString(value)}?{query}", UriKind.Absolute);
    }

    private static Error? CheckValue(ObservableCategory type, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new Error("empty_value", "Enter the value to look up.") { Field = "value" };
        }

        // A whole segment of "." or ".." would be removed from the path as a dot segment, changing the request.
        if (value is "." or "..")
        {
            return new Error("invalid_value", $"'{value}' is not something Threat Lookup can look up.") { Field = "value" };
        }

        if (type == ObservableCategory.Hash && !IsHash(value))
        {
            return new Error(
                "invalid_hash",
                $"'{Shorten(value)}' is not an MD5, SHA1 or SHA256 hash: a hash has 32, 40 or 64 hexadecimal digits.")
            {
                Field = "value",
            };
        }

        if (type == ObservableCategory.Url && value.Length > MaxUrlLength)
        {
            return new Error(
                "url_too_long",
                $"The URL is {value.Length} characters long; Threat Lookup accepts URLs of at most {MaxUrlLength} characters. Look up a shorter form of it, or its domain.")
            {
                Field = "value",
            };
        }

        return null;
    }

    private static bool IsHash(string value) =>
        value.Length is 32 or 40 or 64 && value.All(char.IsAsciiHexDigit);

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..77] + "...";
}
