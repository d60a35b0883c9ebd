using System.Text.Json;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// A Threat Lookup answer. The typed sections cover what TIP-API.md documents; a section absent from the
/// answer (or null in it) is null here. Everything the answer held, known or not, stays in
/// <see cref="Sections"/> and <see cref="RawJson"/>, so nothing is lost when TIP adds fields.
/// </summary>
public sealed record TipResponse
{
    public TipZone Zone { get; init; }
    public TipLicenseInfo? LicenseInfo { get; init; }

    /// <summary><c>RelatedObjects.HasRedZone</c>.</summary>
    public bool? HasRedZoneRelatedObjects { get; init; }

    // hash
    public TipFileGeneralInfo? FileGeneralInfo { get; init; }
    public IReadOnlyList<TipDetection>? DetectionsInfo { get; init; }
    public IReadOnlyList<TipFileUrl>? FileDownloadedFromUrls { get; init; }
    public IReadOnlyList<TipFileUrl>? FileAccessedUrls { get; init; }
    public IReadOnlyList<TipFileName>? FileNames { get; init; }
    public IReadOnlyList<TipFilePath>? FilePaths { get; init; }
    public IReadOnlyList<TipFileCertificate>? FileCertificates { get; init; }

    // ip
    public TipIpGeneralInfo? IpGeneralInfo { get; init; }
    public TipIpWhoIs? IpWhoIs { get; init; }
    public IReadOnlyList<TipIpDnsResolution>? IpDnsResolutions { get; init; }
    public IReadOnlyList<TipFileReference>? FilesDownloadedFromIp { get; init; }
    public IReadOnlyList<TipUrlWithZone>? HostedUrls { get; init; }

    // domain and url
    public TipDomainGeneralInfo? DomainGeneralInfo { get; init; }
    public TipDomainWhoIs? DomainWhoIsInfo { get; init; }
    public TipUrlGeneralInfo? UrlGeneralInfo { get; init; }
    public TipDomainWhoIs? UrlDomainWhoIs { get; init; }
    public IReadOnlyList<TipDomainDnsResolution>? DomainDnsResolutions { get; init; }
    public IReadOnlyList<TipFileReference>? FilesDownloaded { get; init; }
    public IReadOnlyList<TipFileReference>? FilesAccessed { get; init; }
    public IReadOnlyList<TipUrlWithZone>? UrlReferrals { get; init; }
    public IReadOnlyList<TipUrlWithZone>? UrlReferredTo { get; init; }
    public IReadOnlyList<TipSubdomain>? Subdomains { get; init; }

    /// <summary>
    /// Every top-level member of the answer (including <c>Zone</c> and <c>LicenseInfo</c>), raw and detached from
    /// the parsed document. Keys use the API's spelling of known sections and are looked up without regard to case.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Sections { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The answer exactly as received.</summary>
    public string RawJson { get; init; } = "{}";

    /// <summary>The file's MD5, SHA1 and SHA256 from <c>FileGeneralInfo</c>; null when the answer names none.</summary>
    public TipFileHashes? GetFileHashes()
    {
        if (FileGeneralInfo is not { } info)
        {
            return null;
        }

        var hashes = new TipFileHashes(Hash(info.Md5, 32), Hash(info.Sha1, 40), Hash(info.Sha256, 64));
        return hashes.All.Any() ? hashes : null;
    }

    /// <summary>
    /// Each top-level section as its own raw JSON text, for a cache that keeps every data group with the time it
    /// was obtained. <see cref="TipResponseSections.Join"/> puts pieces back into one answer.
    /// </summary>
    public IReadOnlyDictionary<string, string> SplitSections() => TipResponseSections.Split(this);

    private static string? Hash(string? value, int length)
    {
        var hash = value?.Trim();
        return hash is not null && hash.Length == length && hash.All(char.IsAsciiHexDigit) ? hash.ToLowerInvariant() : null;
    }
}
