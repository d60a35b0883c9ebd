using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// Which destinations go direct instead of through the proxy. Entries, one per item:
/// <list type="bullet">
/// <item><c>tip.example.com</c>: that host exactly (case-insensitive, internationalised names as typed or in punycode);</item>
/// <item><c>*.example.com</c> or <c>.example.com</c>: example.com and every name under it (what the proxy form promises);</item>
/// <item><c>10.1.2.3</c>, <c>::1</c>, <c>[::1]</c>: that address; <c>10.0.0.0/8</c>, <c>fd00::/8</c>: that network;</item>
/// <item><c>&lt;local&gt;</c>: plain host names without a dot; <c>*</c>: everything.</item>
/// </list>
/// Addresses and networks match destinations written as addresses; a host name is not resolved to match a network.
/// </summary>
public sealed class ProxyBypassList
{
    private const string LocalNames = "<local>";

    private static readonly IdnMapping Idn = new();

    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _domainSuffixes = [];
    private readonly List<IPNetwork> _networks = [];
    private bool _everything;
    private bool _localNames;

    private ProxyBypassList()
    {
    }

    public static ProxyBypassList Empty { get; } = new();

    /// <summary>Reads the entries; an entry it cannot read is refused with an error naming it (for the proxy form).</summary>
    public static Result<ProxyBypassList> Parse(IEnumerable<string?> entries)
    {
        var list = new ProxyBypassList();
        foreach (var raw in entries)
        {
            var entry = raw?.Trim();
            if (string.IsNullOrEmpty(entry))
            {
                continue;
            }

            if (!list.TryAdd(entry))
            {
                return new Error(
                    "invalid_proxy_bypass_entry",
                    $"'{entry}' is not a host name, *.domain, IP address or network (such as 10.0.0.0/8) for the proxy bypass list.")
                {
                    Field = "Bypass",
                };
            }
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
            return IPAddress.TryParse(destination.IdnHost.Trim('[', ']'), out var address) && MatchesAddress(address);
        }

        var host = destination.IdnHost.TrimEnd('.');
        if (_localNames && !host.Contains('.', StringComparison.Ordinal))
        {
            return true;
        }

        return _hosts.Contains(host)
            || _domainSuffixes.Exists(suffix => host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                                                || host.Equals(suffix[1..], StringComparison.OrdinalIgnoreCase));
    }

    private bool MatchesAddress(IPAddress address)
    {
        var normalised = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return _networks.Exists(network => network.Contains(normalised));
    }

    private bool TryAdd(string entry)
    {
        if (entry == "*")
        {
            _everything = true;
            return true;
        }

        if (string.Equals(entry, LocalNames, StringComparison.OrdinalIgnoreCase))
        {
            _localNames = true;
            return true;
        }

        // Pasted from a browser or another tool: keep the host of "http://host:port/".
        if (entry.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            {
                return false;
            }

            entry = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        }

        if (entry.Contains('/', StringComparison.Ordinal))
        {
            if (!IPNetwork.TryParse(entry, out var network))
            {
                return false;
            }

            _networks.Add(network);
            return true;
        }

        if (IPAddress.TryParse(entry.Trim('[', ']'), out var address) && LooksLikeAddress(entry))
        {
            var normalised = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            _networks.Add(new IPNetwork(normalised, normalised.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            return true;
        }

        if (entry.StartsWith("*.", StringComparison.Ordinal) || entry.StartsWith('.'))
        {
            var domain = AsciiName(entry.TrimStart('*').TrimStart('.'));
            if (domain is null)
            {
                return false;
            }

            _domainSuffixes.Add("." + domain);
            return true;
        }

        var host = AsciiName(entry);
        if (host is null)
        {
            return false;
        }

        _hosts.Add(host);
        return true;
    }

    // IPAddress.TryParse also reads "1" or "0x7f.1" as addresses; only dotted quads and IPv6 count as addresses here.
    private static bool LooksLikeAddress(string entry) =>
        entry.Contains(':', StringComparison.Ordinal) || (entry.Count(c => c == '.') == 3 && entry.All(c => char.IsAsciiDigit(c) || c == '.'));

    private static string? AsciiName(string name)
    {
        name = name.TrimEnd('.');
        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal))
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(name);
        }
        catch (ArgumentException)
        {
            return null;
        }

        return Uri.CheckHostName(ascii) == UriHostNameType.Dns ? ascii.ToLowerInvariant() : null;
    }
}
