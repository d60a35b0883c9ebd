using System.Collections.Frozen;
using KumaTip.Application.Common;
using KumaTip.Application.Observables;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// The data groups the Threat Lookup API offers for each lookup type, as TIP-API.md lists them, and the title of each
/// type's details panel: with the labels of its keys (ThreatLookupText.resx), all that a new data group needs.
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
        new("FileGeneralInfo", true),
        new("DetectionsInfo", true),
        new("FileDownloadedFromUrls", false),
        new("FileAccessedUrls", false),
        new("FileNames", false),
        new("FilePaths", false),
        new("FileCertificates", false),
        new("FileParentCertificates", false),
        new("FileStartedObjects", false),
        new("FileStartedBy", false),
        new("FileDownloadedObjects", false),
        new("FileDownloadedBy", false),
        new("Industries", false),
    ];

    private static readonly IReadOnlyList<TipDataGroup> IpGroups =
    [
        new("IpGeneralInfo", true),
        new("IpWhoIs", true),
        new("IpDnsResolutions", false),
        new("FilesDownloadedFromIp", false),
        new("HostedUrls", false),
        new("Industries", false),
    ];

    private static readonly IReadOnlyList<TipDataGroup> DomainGroups =
    [
        new("DomainGeneralInfo", true),
        new("DomainWhoIsInfo", true),
        new("DomainDnsResolutions", false),
        new("FilesDownloaded", false),
        new("FilesAccessed", false),
        new("UrlReferrals", false),
        new("UrlReferredTo", false),
        new("Subdomains", false),
        new("Industries", false),
    ];

    private static readonly IReadOnlyList<TipDataGroup> UrlGroups =
    [
        new("UrlGeneralInfo", true),
        new("UrlDomainWhoIs", true),
        new("DomainDnsResolutions", false),
        new("UrlReferrals", false),
        new("UrlReferredTo", false),
        new("FilesDownloaded", false),
        new("FilesAccessed", false),
    ];

    /// <summary>Every section name any type can answer with, plus the always-requested ones; for reading answers tolerantly.</summary>
    private static readonly FrozenSet<string> AllSectionNames = HashGroups.Concat(IpGroups).Concat(DomainGroups).Concat(UrlGroups)
        .Select(g => g.Key)
        .Concat(AlwaysRequested)
        .Append("RelatedObjects")
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The choosable data groups of a lookup type, in the order the enrichment window lists them.</summary>
    public static IReadOnlyList<TipDataGroup> For(ObservableCategory type) => type switch
    {
        ObservableCategory.Hash => HashGroups,
        ObservableCategory.Ip => IpGroups,
        ObservableCategory.Domain => DomainGroups,
        ObservableCategory.Url => UrlGroups,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a Threat Lookup type."),
    };

    /// <summary>The resource key of the title of a type's details panel.</summary>
    public static string PanelTitleKey(ObservableCategory type) => type switch
    {
        ObservableCategory.Url => "URL information",
        ObservableCategory.Domain => "Domain information",
        ObservableCategory.Ip => "IP address information",
        _ => "File information",
    };

    /// <summary>The keys ticked when the enrichment window opens.</summary>
    public static IReadOnlyList<string> DefaultKeys(ObservableCategory type) =>
        [.. For(type).Where(g => g.IsSelectedByDefault).Select(g => g.Key)];

    /// <summary>Whether <paramref name="key"/> is a choosable data group of <paramref name="type"/> (exact, case-sensitive).</summary>
    public static bool IsKnown(ObservableCategory type, string key) => For(type).Any(g => g.Key == key);

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
    public static Result<IReadOnlyList<string>> Validate(ObservableCategory type, IEnumerable<string?> keys)
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

    private static Error UnknownGroup(ObservableCategory type, string? key, IReadOnlyList<TipDataGroup> groups)
    {
        var valid = string.Join(", ", groups.Select(g => g.Key));
        var sameButCase = key is null ? null : groups.FirstOrDefault(g => string.Equals(g.Key, key, StringComparison.OrdinalIgnoreCase));
        var hint = sameButCase is null ? "" : $" Data group names are case-sensitive: did you mean '{sameButCase.Key}'?";
        var shown = string.IsNullOrWhiteSpace(key) ? "An empty name" : $"'{key}'";
        return new Error(
            "unknown_data_group",
            $"{shown} is not a Threat Lookup data group for the type '{type.TipName()}'.{hint} Valid data groups: {valid}.")
        {
            Field = "sections",
        };
    }
}
