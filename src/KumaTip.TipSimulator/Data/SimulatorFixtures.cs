namespace KumaTip.TipSimulator.Data;

/// <summary>Objects with a fixed answer, for tests and the demo (README.md lists them with their verdicts).</summary>
public static class SimulatorFixtures
{
    /// <summary>The example from KUMA's documentation: Red, CATEGORY_PHISHING.</summary>
    public const string PhishingUrl = "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe";

    /// <summary>Red, CATEGORY_PHISHING (like every name under daywinners.com).</summary>
    public const string PhishingDomain = "dd.daywinners.com";

    public const string CleanDomain = "kaspersky.com";

    public const string CleanIp = "8.8.8.8";

    /// <summary>A private address: TIP answers Status "reserved" with LicenseInfo, Zone, IpGeneralInfo and IpWhoIs only.</summary>
    public const string ReservedIp = "10.0.0.1";

    /// <summary>404, as are its subdomains and URLs on it.</summary>
    public const string UnknownDomain = "unknown.example";

    public const string UnknownUrl = "http://unknown.example/nothing-here";

    public const string UnknownIp = "45.45.45.45";

    /// <summary>404; so are the all-zero SHA1 and SHA256.</summary>
    public const string UnknownMd5 = "00000000000000000000000000000000";

    /// <summary>The EICAR anti-virus test file: Red, detected as EICAR-Test-File.</summary>
    public static FileIdentity EicarFile { get; } = new(
        "44d88612fea8a8f36de82e1278abb02f",
        "3395856ce81f2b7382dee72602f798b642f14140",
        "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f");

    /// <summary>Files known by all three hashes in every simulator process (real hashes of "kumatip-sample-file-N").</summary>
    public static IReadOnlyList<FileIdentity> KnownFiles { get; } =
        [EicarFile, .. Enumerable.Range(0, 32).Select(i => FileIdentity.OfContent($"kumatip-sample-file-{i}"))];

    /// <summary>Red, CATEGORY_MALWARE, several detections.</summary>
    public static FileIdentity MalwareFile => KnownFiles[1];

    /// <summary>Green, signed, no detections.</summary>
    public static FileIdentity CleanFile => KnownFiles[2];

    /// <summary>Yellow, CATEGORY_ADWARE.</summary>
    public static FileIdentity AdwareFile => KnownFiles[3];

    internal static readonly Dictionary<(ObservableKind, string), Verdict> Verdicts = new()
    {
        [(ObservableKind.Url, PhishingUrl)] = new(Zone.Red, ["CATEGORY_PHISHING"]),
        [(ObservableKind.Domain, "daywinners.com")] = new(Zone.Red, ["CATEGORY_PHISHING"]),
        [(ObservableKind.Domain, CleanDomain)] = new(Zone.Green, ["CATEGORY_INFORMATION_TECHNOLOGIES"]),
        [(ObservableKind.Ip, CleanIp)] = new(Zone.Green, []),
        [(ObservableKind.Hash, EicarFile.Md5)] = new(Zone.Red, ["CATEGORY_MALWARE"]),
        [(ObservableKind.Hash, MalwareFile.Md5)] = new(Zone.Red, ["CATEGORY_MALWARE", "CATEGORY_RANSOMWARE"]),
        [(ObservableKind.Hash, CleanFile.Md5)] = new(Zone.Green, []),
        [(ObservableKind.Hash, AdwareFile.Md5)] = new(Zone.Yellow, ["CATEGORY_ADWARE"]),
    };

    /// <summary>Networks whose WHOIS should look like the real owner's.</summary>
    internal static readonly Dictionary<string, (int Number, string Name, string CountryCode)> Networks = new()
    {
        [CleanIp] = (15169, "GOOGLE", "US"),
    };

    internal static bool IsDeclaredUnknown(ObservableKind kind, string value) => kind switch
    {
        ObservableKind.Hash => value.All(c => c == '0'),
        ObservableKind.Ip => value == UnknownIp,
        ObservableKind.Domain => DomainNames.IsSameOrSubdomain(value, UnknownDomain),
        ObservableKind.Url => DomainNames.IsSameOrSubdomain(DomainNames.HostOfUrl(value), UnknownDomain),
        _ => false,
    };
}
