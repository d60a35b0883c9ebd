using System.Net;

namespace KumaTip.TipSimulator.Data;

/// <summary>Special-purpose address blocks (IANA registries): TIP answers these with Status "reserved".</summary>
internal static class ReservedNetworks
{
    private static readonly (IPNetwork Network, string Name, string Description)[] Blocks =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "IANA-THIS-NETWORK", "\"This network\" (RFC 791)"),
        (IPNetwork.Parse("10.0.0.0/8"), "PRIVATE-ADDRESS-ABLK-RFC1918-IANA-RESERVED", "Private-Use Networks (RFC 1918)"),
        (IPNetwork.Parse("100.64.0.0/10"), "SHARED-ADDRESS-SPACE-RFC6598-IANA-RESERVED", "Shared Address Space (RFC 6598)"),
        (IPNetwork.Parse("127.0.0.0/8"), "IANA-LOOPBACK", "Loopback (RFC 1122)"),
        (IPNetwork.Parse("169.254.0.0/16"), "LINKLOCAL-RFC3927-IANA-RESERVED", "Link Local (RFC 3927)"),
        (IPNetwork.Parse("172.16.0.0/12"), "PRIVATE-ADDRESS-BBLK-RFC1918-IANA-RESERVED", "Private-Use Networks (RFC 1918)"),
        (IPNetwork.Parse("192.0.2.0/24"), "TEST-NET-1", "Documentation (RFC 5737)"),
        (IPNetwork.Parse("192.168.0.0/16"), "PRIVATE-ADDRESS-CBLK-RFC1918-IANA-RESERVED", "Private-Use Networks (RFC 1918)"),
        (IPNetwork.Parse("198.18.0.0/15"), "SPECIAL-IPV4-BENCHMARK-TESTING-IANA-RESERVED", "Benchmarking (RFC 2544)"),
        (IPNetwork.Parse("198.51.100.0/24"), "TEST-NET-2", "Documentation (RFC 5737)"),
        (IPNetwork.Parse("203.0.113.0/24"), "TEST-NET-3", "Documentation (RFC 5737)"),
        (IPNetwork.Parse("224.0.0.0/4"), "MCAST-NET", "Multicast (RFC 5771)"),
        (IPNetwork.Parse("240.0.0.0/4"), "RESERVED-240", "Reserved for future use (RFC 1112)"),
        (IPNetwork.Parse("::/127"), "IANA-IPV6-SPECIAL", "Unspecified and loopback addresses (RFC 4291)"),
        (IPNetwork.Parse("fc00::/7"), "IANA-IPV6-ULA", "Unique Local Unicast (RFC 4193)"),
        (IPNetwork.Parse("fe80::/10"), "IANA-IPV6-LINK-LOCAL", "Link-Scoped Unicast (RFC 4291)"),
        (IPNetwork.Parse("2001:db8::/32"), "IANA-IPV6-DOCUMENTATION", "Documentation (RFC 3849)"),
        (IPNetwork.Parse("ff00::/8"), "IANA-IPV6-MULTICAST", "Multicast (RFC 4291)"),
    ];

    public static (IPNetwork Network, string Name, string Description)? Find(IPAddress address)
    {
        foreach (var block in Blocks)
        {
            if (block.Network.Contains(address))
            {
                return block;
            }
        }

        return null;
    }

    /// <summary>The first and last address of a block.</summary>
    public static (IPAddress Start, IPAddress End) Bounds(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        for (var bit = network.PrefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }

        return (network.BaseAddress, new IPAddress(bytes));
    }
}
