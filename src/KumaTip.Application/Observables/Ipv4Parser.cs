using System.Globalization;
using KumaTip.Application.Common;

namespace KumaTip.Application.Observables;

/// <summary>
/// IPv4 addresses in dotted-decimal form only: exactly four parts of 0-255. <see cref="System.Net.IPAddress.Parse(string)"/>
/// is not used because it also takes "1" (0.0.0.1), "0x7f.1" and octal parts, which no analyst means.
/// Zero-padded parts (<c>010.000.000.001</c>, as some firewalls log them) are read as decimal.
/// </summary>
internal static class Ipv4Parser
{
    /// <summary>Whether a value is meant as an IPv4 address: digits and dots (at least one), maybe a <c>:port</c>.</summary>
    public static bool LooksLikeIpv4(string text)
    {
        var address = WithoutPort(text);
        return address.Contains('.') && address.AsSpan().IndexOfAnyExcept("0123456789.") < 0;
    }

    /// <summary>Parses an address, allowing a <c>:port</c> after it (dropped: the object is the address).</summary>
    public static Result<Observable> Parse(string text)
    {
        var parsed = ParseAddress(WithoutPort(text), text);
        return parsed.Error is { } error ? error : Build(parsed.Value);
    }

    public static Observable Build(uint address)
    {
        var value = Format(address);
        return new Observable(ObservableType.Ipv4, value, value, ReservedAddresses.Ipv4(address));
    }

    public static string Format(uint address) =>
        string.Create(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");

    /// <param name="quoted">What the error messages quote: the value the user gave.</param>
    public static Result<uint> ParseAddress(string address, string quoted)
    {
        var parts = address.Split('.');
        if (parts.Length != 4)
        {
            return ObservableErrors.InvalidIpv4(quoted, $"{parts.Length} parts, expected 4");
        }

        uint value = 0;
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                return ObservableErrors.InvalidIpv4(quoted, "a part is empty");
            }

            if (part.AsSpan().IndexOfAnyExceptInRange('0', '9') >= 0)
            {
                return ObservableErrors.InvalidIpv4(quoted, $"'{part}' is not a number");
            }

            if (part.Length > 3)
            {
                return ObservableErrors.InvalidIpv4(quoted, $"'{part}' has more than 3 digits");
            }

            if (int.Parse(part, CultureInfo.InvariantCulture) > 255)
            {
                return ObservableErrors.InvalidIpv4(quoted, $"{part} is greater than 255");
            }

            value = (value << 8) | uint.Parse(part, CultureInfo.InvariantCulture);
        }

        return value;
    }

    private static string WithoutPort(string text)
    {
        var colon = text.IndexOf(':');
        return colon > 0 && colon < text.Length - 1 && text.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0
            ? text[..colon]
            : text;
    }
}
