using System.Buffers.Binary;
using System.Net;

namespace KumaTip.Application.Observables;

/// <summary>
/// IP blocks that are private, local or reserved (IANA special-purpose registries, RFC 6890): the TIP has nothing
/// useful to say about them. More specific blocks come first, so 255.255.255.255 is "broadcast", not "reserved".
/// </summary>
internal static class ReservedAddresses
{
    private static readonly Ipv4Block[] Ipv4Blocks =
    [
        new(0xFFFFFFFF, 32, "broadcast", "255.255.255.255", "the limited broadcast address (RFC 919)"),
        new(0x00000000, 8, "this_network", "0.0.0.0/8", "\"this network\" (RFC 791), never a real host"),
        new(0x0A000000, 8, "private_network", "10.0.0.0/8", "a private network (RFC 1918)"),
        new(0x64400000, 10, "shared_address_space", "100.64.0.0/10", "carrier-grade NAT shared address space (RFC 6598)"),
        new(0x7F000000, 8, "loopback", "127.0.0.0/8", "loopback (RFC 1122)"),
        new(0xA9FE0000, 16, "link_local", "169.254.0.0/16", "link-local (RFC 3927)"),
        new(0xAC100000, 12, "private_network", "172.16.0.0/12", "a private network (RFC 1918)"),
        new(0xC0000000, 24, "ietf_protocol_assignments", "192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
        new(0xC0000200, 24, "documentation", "192.0.2.0/24", "documentation (TEST-NET-1, RFC 5737)"),
        new(0xC0A80000, 16, "private_network", "192.168.0.0/16", "a private network (RFC 1918)"),
        new(0xC6120000, 15, "benchmarking", "198.18.0.0/15", "network benchmarking (RFC 2544)"),
        new(0xC6336400, 24, "documentation", "198.51.100.0/24", "documentation (TEST-NET-2, RFC 5737)"),
        new(0xCB007100, 24, "documentation", "203.0.113.0/24", "documentation (TEST-NET-3, RFC 5737)"),
        new(0xE0000000, 4, "multicast", "224.0.0.0/4", "multicast (RFC 5771)"),
        new(0xF0000000, 4, "reserved", "240.0.0.0/4", "reserved for future use (RFC 1112)"),
    ];

    private static readonly Ipv6Block[] Ipv6Blocks =
    [
        new(UInt128.Zero, 128, "unspecified", "::", "the unspecified address (RFC 4291)"),
        new(UInt128.One, 128, "loopback", "::1", "loopback (RFC 4291)"),
        new(new UInt128(0xFC00_0000_0000_0000, 0), 7, "unique_local", "fc00::/7", "a unique local (private) address (RFC 4193)"),
        new(new UInt128(0xFE80_0000_0000_0000, 0), 10, "link_local", "fe80::/10", "link-local (RFC 4291)"),
        new(new UInt128(0xFF00_0000_0000_0000, 0), 8, "multicast", "ff00::/8", "multicast (RFC 4291)"),
        new(new UInt128(0x2001_0DB8_0000_0000, 0), 32, "documentation", "2001:db8::/32", "documentation (RFC 3849)"),
    ];

    public static ReservedReason? Ipv4(uint address)
    {
        foreach (var block in Ipv4Blocks)
        {
            var mask = block.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - block.PrefixLength);
            if ((address & mask) == block.Network)
            {
                return block.Reason;
            }
        }

        return null;
    }

    /// <summary>Checks an IPv6 address; IPv4-mapped addresses are mapped to IPv4 by the parser before they get here.</summary>
    public static ReservedReason? Ipv6(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        foreach (var block in Ipv6Blocks)
        {
            var mask = UInt128.MaxValue << (128 - block.PrefixLength);
            if ((value & mask) == block.Network)
            {
                return block.Reason;
            }
        }

        return null;
    }

    private sealed class Ipv4Block(uint network, int prefixLength, string code, string range, string what)
    {
        public uint Network { get; } = network;

        public int PrefixLength { get; } = prefixLength;

        public ReservedReason Reason { get; } = new(code, range, $"{range} is {what}: Threat Lookup knows nothing useful about it.");
    }

    private sealed class Ipv6Block(UInt128 network, int prefixLength, string code, string range, string what)
    {
        public UInt128 Network { get; } = network;

        public int PrefixLength { get; } = prefixLength;

        public ReservedReason Reason { get; } = new(code, range, $"{range} is {what}: Threat Lookup knows nothing useful about it.");
    }
}
