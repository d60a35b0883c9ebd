using System.Globalization;
using System.Text;
using KumaTip.Application.Common;

namespace KumaTip.Application.Observables;

/// <summary>
/// Domains and host names (the TIP looks host names up as domains). The normalised form is lower case, punycode
/// (IDNA via <see cref="IdnMapping"/>), without the trailing root dot; the display form is Unicode.
/// </summary>
/// <remarks>
/// Labels may hold letters, digits, hyphens and underscores. Host names (RFC 1123) forbid the underscore, but DNS
/// does not, and it turns up in real names (<c>_dmarc.example.com</c>, subdomains of hosting services) that the TIP
/// may well know; refusing them would only hide an indicator. The top-level domain must be letters (or punycode).
/// </remarks>
internal static class DomainParser
{
    public const int MaxLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Parses a domain, allowing a <c>:port</c> after it (pasted from a log's host:port, the port is dropped).</summary>
    public static Result<Observable> Parse(string text)
    {
        var parsed = ParseName(StripPort(text), text);
        return parsed.Error is { } error ? error : Build(parsed.Value);
    }

    public static Observable Build(DomainName name) => new(ObservableType.Domain, name.Ascii, name.Unicode, ReservedDomains.Check(name.Ascii));

    /// <param name="name">The name alone, without port.</param>
    /// <param name="quoted">What the error messages quote: the value the user gave.</param>
    public static Result<DomainName> ParseName(string name, string quoted)
    {
        if (name.EndsWith('.'))
        {
            name = name[..^1];
        }

        if (name.Length == 0)
        {
            return ObservableErrors.InvalidDomain(quoted, "the name is empty");
        }

        // Four bytes per character is the most punycode can need: anything longer cannot fit in 253.
        if (name.Length > MaxLength * 4)
        {
            return ObservableErrors.InvalidDomain(quoted, $"{name.Length} characters, at most {MaxLength} are allowed");
        }

        var ascii = name.ToLowerInvariant();
        if (!Ascii.IsValid(ascii))
        {
            try
            {
                ascii = new IdnMapping().GetAscii(ascii);
            }
            catch (ArgumentException)
            {
                return ObservableErrors.InvalidDomain(quoted, "it is not a valid internationalised domain name");
            }
        }

        var why = Validate(ascii);
        if (why is not null)
        {
            return ObservableErrors.InvalidDomain(quoted, why);
        }

        var unicode = ascii;
        if (ascii.Contains("xn--", StringComparison.Ordinal))
        {
            try
            {
                unicode = new IdnMapping().GetUnicode(ascii);
            }
            catch (ArgumentException)
            {
                return ObservableErrors.InvalidDomain(quoted, "a label starting with 'xn--' is not valid punycode");
            }
        }

        return new DomainName(ascii, unicode);
    }

    private static string StripPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && colon < text.Length - 1 && text.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0
            ? text[..colon]
            : text;
    }

    private static string? Validate(string ascii)
    {
        if (ascii.Length > MaxLength)
        {
            return $"{ascii.Length} characters, at most {MaxLength} are allowed";
        }

        var labels = ascii.Split('.');
        foreach (var label in labels)
        {
            if (label.Length == 0)
            {
                return "it has an empty label (two dots in a row, or a dot at the start)";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"the label '{label}' is {label.Length} characters long, at most {MaxLabelLength} are allowed";
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
                {
                    return c == ' ' ? "a space is not allowed in a domain name" : $"'{c}' is not allowed in a domain name";
                }
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"the label '{label}' starts or ends with a hyphen";
            }
        }

        var topLevel = labels[^1];
        if (topLevel.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return $"the top-level domain '{topLevel}' is all digits";
        }

        return topLevel.Contains('_') ? $"the top-level domain '{topLevel}' has an underscore" : null;
    }
}

/// <summary>A validated domain name: <paramref name="Ascii"/> is lower-case punycode, <paramref name="Unicode"/> is for display.</summary>
internal readonly record struct DomainName(string Ascii, string Unicode);
