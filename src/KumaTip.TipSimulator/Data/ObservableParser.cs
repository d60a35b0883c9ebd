using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace KumaTip.TipSimulator.Data;

/// <summary>Checks a request value the way the service would, and normalises it (lower-case hash and host, canonical IP).</summary>
internal static partial class ObservableParser
{
    public const int MaxUrlLength = 2000;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = false };

    public static bool TryParseKind(string segment, out ObservableKind kind)
    {
        kind = segment.ToLowerInvariant() switch
        {
            "hash" => ObservableKind.Hash,
            "ip" => ObservableKind.Ip,
            "domain" => ObservableKind.Domain,
            "url" => ObservableKind.Url,
            _ => (ObservableKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    public static ParsedObservable Parse(ObservableKind kind, string value) => kind switch
    {
        ObservableKind.Hash => Hash(value),
        ObservableKind.Ip => Ip(value),
        ObservableKind.Domain => Domain(value),
        _ => Url(value),
    };

    private static ParsedObservable Hash(string value) =>
        value.Length is 32 or 40 or 64 && value.All(char.IsAsciiHexDigit)
            ? ParsedObservable.Valid(value.ToLowerInvariant())
            : ParsedObservable.Invalid($"'{value}' is not an MD5, SHA1 or SHA256 hash (32, 40 or 64 hexadecimal digits).");

    private static ParsedObservable Ip(string value)
    {
        var shaped = value.Contains(':') ? !value.Contains('%') : DottedQuad().IsMatch(value);
        if (!shaped || !IPAddress.TryParse(value, out var address))
        {
            return ParsedObservable.Invalid($"'{value}' is not an IPv4 or IPv6 address.");
        }

        return ParsedObservable.Valid((address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString());
    }

    private static ParsedObservable Domain(string value)
    {
        var invalid = ParsedObservable.Invalid($"'{value}' is not a domain name.");
        string ascii;
        try
        {
            ascii = Idn.GetAscii(value.TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return invalid;
        }

        if (ascii.Length > 253 || !ascii.Contains('.') || !ascii.Split('.').All(DomainLabel().IsMatch))
        {
            return invalid;
        }

        return IPAddress.TryParse(ascii, out _) ? ParsedObservable.Invalid($"'{value}' is an IP address: look it up as ip.") : ParsedObservable.Valid(ascii);
    }

    private static ParsedObservable Url(string value)
    {
        if (value.Length > MaxUrlLength)
        {
            return ParsedObservable.Invalid($"The URL is {value.Length} characters long; the limit is {MaxUrlLength}.", 414);
        }

        if (value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || DomainNames.HostOfUrl(value).Length == 0)
        {
            return ParsedObservable.Invalid($"'{value}' is not a URL.");
        }

        return ParsedObservable.Valid(value);
    }

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$")]
    private static partial Regex DomainLabel();
}
