using KumaTip.Application.Common;

namespace KumaTip.Application.Proxies;

/// <summary>The rules for a proxy server's URL: http or https, a host, a port, and nothing else.</summary>
public static class ProxyAddress
{
    public const string Field = "Url";

    private const string Example = "e.g. http://proxy.example.com:3128";

    /// <summary>The URL reduced to scheme, host and port (the port is omitted when it is the scheme's default).</summary>
    public static Result<Uri> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Invalid($"URL is required, {Example}.");
        }

        text = text.Trim();
        if (text.Length > ProxyServer.MaxUrlLength)
        {
            return Invalid($"URL must be at most {ProxyServer.MaxUrlLength} characters.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !text.Contains("://", StringComparison.Ordinal))
        {
            return Invalid($"'{text}' is not a URL; write the scheme, host and port, {Example}.");
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return Invalid($"The proxy URL must start with http:// or https://, {Example}.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return Invalid("Put the proxy's user and password in their own fields, not in the URL.");
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return Invalid($"The proxy URL needs a host, {Example}.");
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return Invalid($"The proxy URL has only a scheme, a host and a port, {Example}.");
        }

        if (uri.Port is < 1 or > 65535)
        {
            return Invalid("The proxy port must be between 1 and 65535.");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority));
    }

    private static Error Invalid(string message) => new("proxy_url_invalid", message) { Field = Field };
}
