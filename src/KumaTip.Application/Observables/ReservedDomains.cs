namespace KumaTip.Application.Observables;

/// <summary>
/// Names that never reach the public DNS (RFC 6761 special-use names, mDNS, home and private-use suffixes) and
/// single-label names (an intranet host such as <c>fileserver</c>): the TIP has nothing useful to say about them.
/// </summary>
internal static class ReservedDomains
{
    public const string SingleLabelCode = "single_label";

    private static readonly (string Suffix, string Code, string What)[] Suffixes =
    [
        ("localhost", "local_name", "a loopback name (RFC 6761)"),
        ("local", "local_name", "a multicast DNS name, resolved only on the local link (RFC 6762)"),
        ("internal", "local_name", "a private-use name (ICANN reserves .internal for private networks)"),
        ("lan", "local_name", "a local network name"),
        ("home.arpa", "local_name", "a home network name (RFC 8375)"),
        ("test", "special_use_name", "reserved for testing (RFC 6761)"),
        ("example", "special_use_name", "reserved for documentation (RFC 6761)"),
        ("invalid", "special_use_name", "reserved as never valid (RFC 6761)"),
    ];

    /// <param name="asciiName">The normalised (lower-case, punycode, no trailing dot) name.</param>
    public static ReservedReason? Check(string asciiName)
    {
        foreach (var (suffix, code, what) in Suffixes)
        {
            if (asciiName == suffix || (asciiName.EndsWith(suffix, StringComparison.Ordinal) && asciiName[^(suffix.Length + 1)] == '.'))
            {
                var range = asciiName == suffix && suffix == "localhost" ? suffix : "*." + suffix;
                return new ReservedReason(code, range, $"{range} is {what}: Threat Lookup knows nothing useful about it.");
            }
        }

        return asciiName.Contains('.')
            ? null
            : new ReservedReason(SingleLabelCode, asciiName, $"'{asciiName}' is a single-label name, a host on a local network: Threat Lookup knows nothing useful about it.");
    }
}
