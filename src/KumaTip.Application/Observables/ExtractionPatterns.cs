using System.Text.RegularExpressions;

namespace KumaTip.Application.Observables;

/// <summary>
/// The candidates <see cref="ObservableExtractor"/> looks for in free text. Each pattern is anchored by a look-behind
/// that fails inside a longer token and uses bounded or atomic repetition, so matching stays linear in the text
/// length (no catastrophic backtracking); every candidate is then validated by the parser of its type.
/// </summary>
internal static partial class ExtractionPatterns
{
    // A dot, or one of its defanged spellings.
    private const string Dot = @"(?:\.|\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\{dot\})";

    /// <summary>http, https and ftp URLs, also defanged (hxxp, [:]//, [.]); the end is trimmed by the extractor.</summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z])(?:h(?:tt|xx)ps?|ftp|fxp)(?:://|\[:\]//|\[://\])[^\s""'<>`|]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex Url();

    /// <summary>
    /// A run of 32 or more hex digits that is a word of its own; the extractor keeps runs of exactly 32, 40 or 64,
    /// so a hash is never cut out of a longer hex run or a word.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_])(?>[0-9A-Fa-f]{32,})(?![0-9A-Za-z_])", RegexOptions.CultureInvariant)]
    public static partial Regex HexRun();

    /// <summary>
    /// Four dot-separated numbers of 1-3 digits, not part of a longer dotted sequence (1.2.3.4.5) and not after
    /// "version"/"ver"/"v" (assembly and file versions such as "Version=1.0.0.0"). A following "/nn" may be a
    /// CIDR length (10.0.0.0/8) or a port (1.2.3.4/53, as firewalls log it): the extractor tells them apart.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_.]|(?:version|\bver|\bv)[\s=:]{0,2})(?>[0-9]{1,3}(?:" + Dot + @"[0-9]{1,3}){3})(?![0-9A-Za-z_]|" + Dot + @"[0-9])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex Ipv4();

    /// <summary>
    /// Hex groups with at least two colons, maybe ending in an embedded IPv4 (::ffff:1.2.3.4). Times (12:30:45) and
    /// MAC addresses match too and are dropped when the IPv6 parser refuses them.
    /// </summary>
    [GeneratedRegex(@"(?<![0-9A-Za-z_:.])(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:(?<=:)[0-9]{1,3}(?:\.[0-9]{1,3}){3})?(?![0-9A-Za-z_:]|\.[0-9A-Za-z])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex Ipv6();

    /// <summary>
    /// Dotted names; the extractor keeps only those written defanged (example[.]com). A plain name in prose is too
    /// often a file (invoice.zip, setup.sh) or a type name (System.Net.Http) to be taken for a domain.
    /// </summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.\-\]\)\}])(?:[\p{L}\p{N}](?:[\p{L}\p{N}_\-]{0,61}[\p{L}\p{N}])?" + Dot + @"){1,126}(?:xn--[a-z0-9\-]{1,59}|\p{L}{2,63})(?![\p{L}\p{N}_\-]|" + Dot + @"[\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex DottedName();
}
