using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using KumaTip.Application.Common;

namespace KumaTip.Application.Proxies;

/// <summary>
/// The destinations a proxy server is not used for, read the same way by the proxy form, the API and the TIP client:
/// <list type="bullet">
/// <item><c>tip.example.com</c>: that host (case-insensitive, internationalised names as typed or in punycode);</item>
/// <item><c>*.example.com</c> or <c>.example.com</c>: example.com and every name under it;</item>
/// <item><c>10.1.2.3</c>, <c>fd00::1</c>, <c>[::1]</c>: that address; <c>10.0.0.0/8</c>, <c>fd00::/8</c>: that network;</item>
/// <item><c>&lt;local&gt;</c>: plain host names without a dot; <c>*</c>: everything;</item>
/// <item>a URL pasted from a browser (<c>http://mirror.example:8080/</c>): its host.</item>
/// </list>
/// Entries are separated by new lines, commas, semicolons or spaces, and normalised (lower case, punycode, a network
/// without host bits, no duplicates): what is stored is what is matched. Addresses and networks match destinations
/// written as addresses; a host name is not resolved to match a network.
/// </summary>
public sealed partial class BypassList
{
    public const string Field = "Bypass";

    public const int MaxEntries = 200;

    private const string Everything = "*";

    private const string LocalNames = "<local>";

    private static readonly char[] Separators = ['\n', '\r', ',', ';', ' ', '\t'];

    private readonly List<string> _entries = [];
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _domains = [];
    private readonly List<IPNetwork> _networks = [];
    private bool _everything;
    private bool _localNames;

    private BypassList()
    {
    }

    public static BypassList Empty { get; } = new();

    /// <summary>The normalised entries: what is stored and what the API shows.</summary>
    public IReadOnlyList<string> Entries => _entries;

    /// <summary>Splits, checks and normalises the entries; an entry it cannot read is refused by name.</summary>
    public static Result<BypassList> Parse(IEnumerable<string?>? entries)
    {
        var list = new BypassList();
        foreach (var entry in (entries ?? []).SelectMany(e => (e ?? string.Empty).Split(Separators, StringSplitOptions.RemoveEmptyEntries)))
        {
            if (list.Add(entry) is not { } normalised)
            {
                return new Error(
                    "bypass_invalid",
                    $"'{entry}' in the bypass list is not a host name, a *.domain pattern, an IP address or a CIDR range (e.g. 10.0.0.0/8).")
                { Field = Field };
            }

            if (!list._entries.Contains(normalised))
            {
                list._entries.Add(normalised);
            }
        }

        if (list._entries.Count > MaxEntries)
        {
            return new Error("bypass_too_long", $"The bypass list may hold at most {MaxEntries} entries.") { Field = Field };
        }

        if (string.Join('\n', list._entries).Length > ProxyServer.MaxBypassLength)
        {
            return new Error("bypass_too_long", $"The bypass list may be at most {ProxyServer.MaxBypassLength} characters long.") { Field = Field };
        }

        return list;
    }

    /// <summary>Whether requests to <paramref name="destination"/> go direct.</summary>
    public bool Matches(Uri destination)
    {
        if (_everything)
        {
            return true;
        }

        if (!destination.IsAbsoluteUri)
        {
            return false;
        }

        if (destination.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return IPAddress.TryParse(destination.IdnHost.Trim('[', ']'), out var address) && _networks.Exists(n => n.Contains(Unmapped(address)));
        }

        var host = destination.IdnHost.TrimEnd('.');
        return (_localNames && !host.Contains('.', StringComparison.Ordinal))
            || _hosts.Contains(host)
            || _domains.Exists(domain => host.Equals(domain, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + domain, StringComparison.OrdinalIgnoreCase));
    }

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string? HostName(string name)
    {
        name = name.TrimEnd('.');
        if (name.Length == 0 || AllDigitsAndDots().IsMatch(name))
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

    /// <summary>Reads one entry into the matcher; its normalised form, or null when it is none of the above.</summary>
    private string? Add(string entry)
    {
        if (entry == Everything)
        {
            _everything = true;
            return Everything;
        }

        if (entry.Equals(LocalNames, StringComparison.OrdinalIgnoreCase))
        {
            _localNames = true;
            return LocalNames;
        }

        if (entry.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                return null;
            }

            entry = uri.Host.Trim('[', ']');
        }

        if (entry.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(entry, out var network) ? AddNetwork(network, network.ToString()) : null;
        }

        // IPAddress.TryParse also reads "1" or "0x7f.1" as addresses; only dotted quads and IPv6 count as addresses here.
        if (entry.Contains(':', StringComparison.Ordinal) || DottedQuad().IsMatch(entry))
        {
            if (!IPAddress.TryParse(entry.Trim('[', ']'), out var parsed))
            {
                return null;
            }

            var address = Unmapped(parsed);
            return AddNetwork(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128), address.ToString());
        }

        var wildcard = entry.StartsWith("*.", StringComparison.Ordinal) || entry.StartsWith('.');
        if (HostName(wildcard ? entry.TrimStart('*')[1..] : entry) is not { } host)
        {
            return null;
        }

        if (wildcard)
        {
            _domains.Add(host);
            return "*." + host;
        }

        _hosts.Add(host);
        return host;
    }

    private string AddNetwork(IPNetwork network, string normalised)
    {
        _networks.Add(network);
        return normalised;
    }
}
