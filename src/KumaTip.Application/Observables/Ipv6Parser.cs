using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using KumaTip.Application.Common;

namespace KumaTip.Application.Observables;

/// <summary>
/// IPv6 addresses in any notation (compressed, expanded, mixed case, with an embedded IPv4, in brackets, with a
/// <c>[...]:port</c> or a <c>%zone</c>), normalised to the RFC 5952 form <see cref="IPAddress.ToString"/> gives.
/// </summary>
/// <remarks>
/// An IPv4-mapped address (<c>::ffff:1.2.3.4</c>) is how dual-stack sockets log an IPv4 peer: it is the same host,
/// so it becomes that IPv4 address and shares its key. The zone (<c>%eth0</c>) names an interface of the machine
/// that logged it, not part of the address, and is dropped.
/// </remarks>
internal static class Ipv6Parser
{
    /// <summary>
    /// Whether a value is meant as an IPv6 address: bracketed, or with two colons or more (which no domain, or
    /// host:port, has), so that a mistyped address gets an IPv6 error naming the wrong character.
    /// </summary>
    public static bool LooksLikeIpv6(string text) => text.StartsWith('[') || text.AsSpan().Count(':') >= 2;

    public static Result<Observable> Parse(string text)
    {
        var address = text;
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']');
            if (close < 0)
            {
                return ObservableErrors.InvalidIpv6(text, "'[' is not closed by ']'");
            }

            var after = address.AsSpan(close + 1);
            if (!after.IsEmpty && !(after[0] == ':' && after.Length > 1 && after[1..].IndexOfAnyExceptInRange('0', '9') < 0))
            {
                return ObservableErrors.InvalidIpv6(text, $"'{after}' after ']' is not a port");
            }

            address = address[1..close];
        }

        address = WithoutZone(address);
        var wrong = address.AsSpan().IndexOfAnyExcept("0123456789abcdefABCDEF:.");
        if (wrong >= 0)
        {
            return ObservableErrors.InvalidIpv6(text, $"'{address[wrong]}' is not a hex digit, ':' or '.'");
        }

        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ObservableErrors.InvalidIpv6(text, "it needs eight groups of up to four hex digits, or '::' for a run of zero groups");
        }

        return Build(ip);
    }

    private static Observable Build(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            Span<byte> bytes = stackalloc byte[4];
            ip.MapToIPv4().TryWriteBytes(bytes, out _);
            return Ipv4Parser.Build(BinaryPrimitives.ReadUInt32BigEndian(bytes));
        }

        var value = ip.ToString();
        return new Observable(ObservableType.Ipv6, value, value, ReservedAddresses.Ipv6(ip));
    }

    private static string WithoutZone(string address)
    {
        var percent = address.IndexOf('%');
        return percent < 0 ? address : address[..percent];
    }
}
