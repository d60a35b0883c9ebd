using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using KumaTip.Application.Common;

namespace KumaTip.Application.Proxies;

/// <summary>
/// The hosts a proxy server is not used for: host names (<c>intranet</c>, <c>tip.example.com</c>), domains with
/// their sub-domains (<c>*.example.com</c>), IP addresses and CIDR ranges (<c>10.0.0.0/8</c>, <c>fd00::/8</c>).
/// </summary>
public static partial class BypassList
{
    public const string Field = "Bypass";

    public const int MaxEntries = 200;

    private static readonly char[] Separators = ['\n', '\r', ',', ';', ' ', '\t'];

    /// <summary>Splits, checks and normalises (lower case, punycode, no duplicates) the entries.</summary>
    public static Result<IReadOnlyList<string>> Parse(IEnumerable<string>? entries)
    {
        var parsed = new List<string>();
        foreach (var raw in (entries ?? []).SelectMany(e => (e ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries)))
        {
            var entry = Normalise(raw.Trim());
            if (entry is null)
            {
                return new Error(
                    "bypass_invalid",
                    $"'{raw.Trim()}' in the bypass list is not a host name, a *.domain pattern, an IP address or a CIDR range (e.g. 10.0.0.0/8).")
                { Field = Field };
            }

            if (!parsed.Contains(entry))
            {
                parsed.Add(entry);
            }
        }

        if (parsed.Count > MaxEntries)
        {
            return new Error("bypass_too_long", $"The bypass list may hold at most {MaxEntries} entries.") { Field = Field };
        }

        if (string.Join('\n', parsed).Length > ProxyServer.MaxBypassLength)
        {
            return new Error("bypass_too_long", $"The bypass list may be at most {ProxyServer.MaxBypassLength} characters long.") { Field = Field };
        }

        return parsed;
    }

    private static string? Normalise(string entry)
    {
        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(entry, out var network) ? network.ToString() : null;
        }

        if (entry.Contains(':', StringComparison.Ordinal))
        {
            return IPAddress.TryParse(entry.Trim('[', ']'), out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6 ? v6.ToString() : null;
        }

        if (DottedQuad().IsMatch(entry))
        {
            return IPAddress.TryParse(entry, out var v4) ? v4.ToString() : null;
        }

        var wildcard = entry.StartsWith("*.", StringComparison.Ordinal);
        var host = HostName(wildcard ? entry[2..] : entry);
        return host is null ? null : (wildcard ? "*." : string.Empty) + host;
    }

    private static string? HostName(string name)
    {
        if (name.Length == 0 || name.EndsWith('.') || AllDigitsAndDots().IsMatch(name))
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = new IdnMapping { UseStd3AsciiRules = true }.GetAscii(name).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        return ascii.Length <= 253 && ascii.Split('.').All(label => Label().IsMatch(label)) ? ascii : null;
    }

    [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedQuad();

    [GeneratedRegex(@"^[\d.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AllDigitsAndDots();

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Label();
}
