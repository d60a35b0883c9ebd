using System.Collections.Frozen;
using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// The data groups the Threat Lookup API offers for each lookup type, as TIP-API.md lists them.
/// <see cref="AlwaysRequested"/> sections are added to every request and are not offered as choices.
/// </summary>
public static class TipDataGroups
{
    public const string LicenseInfo = "LicenseInfo";
    public const string Zone = "Zone";

    /// <summary>Asked for on every request: they cost nothing and carry the verdict and the account's counters.</summary>
    public static IReadOnlyList<string> AlwaysRequested { get; } = [LicenseInfo, Zone];

    // Defaults: the general information, the WHOIS and the detections (what a verdict rests on) are on;
    // lists that can run to a thousand records per group are off, so a default request stays small.
    private static readonly IReadOnlyList<TipDataGroup> HashGroups =
    [
        new("FileGeneralInfo", true, false),
        new("DetectionsInfo", true, true),
        new("FileDownloadedFromUrls", false, true),
        new("FileAccessedUrls", false, true),
        new("FileNames", false, true),
        new("FilePaths", false, true),
        new("FileCertificates", false, true),
        new("FileParentCertificates", false, true),
        new("FileStartedObjects", false, true),
        new("FileStartedBy", false, true),
        new("FileDownloadedObjects", false, true),
        new("FileDownloadedBy", false, true),
        new("Industries", false, true),
    ];

    private static readonly IReadOnlyList<TipDataGroup> IpGroups =
    [
        new("IpGeneralInfo", true, false),
        new("IpWhoIs", true, false),
        new("IpDnsResolutions", false, true),
        new("FilesDownloadedFromIp", false, true),
        new("HostedUrls", false, true),
        new("Industries", false, true),
    ];

    private static readonly IReadOnlyList<TipDataGroup> DomainGroups =
    [
        new("DomainGeneralInfo", true, false),
        new("DomainWhoIsInfo", true, false),
        new("DomainDnsResolutions", false, true),
        new("FilesDownloaded", false, true),
        new("FilesAccessed", false, true),
        new("UrlReferrals", false, true),
        new("UrlReferredTo", false, true),
        new("Subdomains", false, true),
        new("Industries", false, true),
    ];

    private static readonly IReadOnlyList<TipDataGroup> UrlGroups =
    [
        new("UrlGeneralInfo", true, false),
        new("UrlDomainWhoIs", true, false),
        new("DomainDnsResolutions", false, true),
        new("UrlReferrals", false, true),
        new("UrlReferredTo", false, true),
        new("FilesDownloaded", false, true),
        new("FilesAccessed", false, true),
    ];

    /// <summary>Every section name any type can answer with, plus the always-requested ones; for reading answers tolerantly.</summary>
    private static readonly FrozenSet<string> AllSectionNames = HashGroups.Concat(IpGroups).Concat(DomainGroups).Concat(UrlGroups)
        .Select(g => g.Key)
        .Concat(AlwaysRequested)
        .Append("RelatedObjects")
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The choosable data groups of a lookup type, in the order the enrichment window lists them.</summary>
    public static IReadOnlyList<TipDataGroup> For(TipLookupType type) => type switch
    {
        TipLookupType.Hash => HashGroups,
        TipLookupType.Ip => IpGroups,
        TipLookupType.Domain => DomainGroups,
        TipLookupType.Url => UrlGroups,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Threat Lookup type."),
    };

    /// <summary>The keys ticked when the enrichment window opens.</summary>
    public static IReadOnlyList<string> DefaultKeys(TipLookupType type) =>
        [.. For(type).Where(g => g.IsSelectedByDefault).Select(g => g.Key)];

    /// <summary>Whether <paramref name="key"/> is a choosable data group of <paramref name="type"/> (exact, case-sensitive).</summary>
    public static bool IsKnown(TipLookupType type, string key) => For(type).Any(g => g.Key == key);

    /// <summary>
    /// The API's own spelling of a section name met in an answer, matched without regard to case;
    /// unknown names come back unchanged.
    /// </summary>
    public static string CanonicalSectionName(string name)
    {
        if (AllSectionNames.Contains(name))
        {
            return name;
        }

        return AllSectionNames.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase)) ?? name;
    }

    /// <summary>
    /// Checks a requested list of data groups for <paramref name="type"/>. Returns the choosable keys without
    /// duplicates, in the order given; <see cref="AlwaysRequested"/> keys are accepted and left out (every request adds them).
    /// </summary>
    public static Result<IReadOnlyList<string>> Validate(TipLookupType type, IEnumerable<string?> keys)
    {
        var groups = For(type);
        var accepted = new List<string>();
        foreach (var key in keys)
        {
            if (key is not null && AlwaysRequested.Contains(key))
            {
                continue;
            }

            if (key is null || !groups.Any(g => g.Key == key))
            {
                return UnknownGroup(type, key, groups);
            }

            if (!accepted.Contains(key))
            {
                accepted.Add(key);
            }
        }

        return accepted;
    }

    private static Error UnknownGroup(TipLookupType type, string? key, IReadOnlyList<TipDataGroup> groups)
    {
        var valid = string.Join(", ", groups.Select(g => g.Key));
        var sameButCase = key is null ? null : groups.FirstOrDefault(g => string.Equals(g.Key, key, StringComparison.OrdinalIgnoreCase));
        var hint = sameButCase is null ? "" : $" Data group names are case-sensitive: did you mean '{sameButCase.Key}'?";
        var shown = string.IsNullOrWhiteSpace(key) ? "An empty name" : $"'{key}'";
        return new Error(
            "unknown_data_group",
            $"{shown} is not a Threat Lookup data group for the type '{type.PathSegment()}'.{hint} Valid data groups: {valid}.")
        {
            Field = "sections",
        };
    }
}
