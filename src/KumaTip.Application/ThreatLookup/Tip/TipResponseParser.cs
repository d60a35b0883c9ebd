using System.Text.Json;
using KumaTip.Application.Common;
using static KumaTip.Application.ThreatLookup.Tip.TipJsonReader;

namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>
/// Reads a Threat Lookup answer. No complete real answer is published, so reading is forgiving: missing, null,
/// extra and unknown members are fine, and only a body that is not a JSON object at all is refused.
/// </summary>
public static class TipResponseParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static Result<TipResponse> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Invalid("The answer was empty.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json.AsMemory().TrimStart('\uFEFF'), Options);
            // One copy of the whole answer that outlives the document; every section below points into it.
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return Invalid($"The answer is not JSON ({ex.Message}).");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"The answer is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object of sections.");
        }

        var sections = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in root.EnumerateObject())
        {
            sections.TryAdd(TipDataGroups.CanonicalSectionName(member.Name), member.Value);
        }

        return Read(sections, json);
    }

    private static Error Invalid(string detail) =>
        new("invalid_response", $"Threat Lookup sent an answer KumaTip cannot read. {detail}", ErrorKind.Unavailable);

    private static TipResponse Read(Dictionary<string, JsonElement> sections, string json) => new()
    {
        RawJson = json,
        Sections = sections,
        Zone = sections.TryGetValue(TipDataGroups.Zone, out var zone) ? TipZones.Parse(AsString(zone)) : TipZone.Unknown,
        LicenseInfo = Section(sections, TipDataGroups.LicenseInfo, LicenseInfo),
        HasRedZoneRelatedObjects = HasRedZone(sections),

        FileGeneralInfo = Section(sections, "FileGeneralInfo", FileGeneralInfo),
        DetectionsInfo = SectionList(sections, "DetectionsInfo", Detection),
        FileDownloadedFromUrls = SectionList(sections, "FileDownloadedFromUrls", FileUrl),
        FileAccessedUrls = SectionList(sections, "FileAccessedUrls", FileUrl),
        FileNames = SectionList(sections, "FileNames", FileName),
        FilePaths = SectionList(sections, "FilePaths", FilePath),
        FileCertificates = SectionList(sections, "FileCertificates", FileCertificate),

        IpGeneralInfo = Section(sections, "IpGeneralInfo", IpGeneralInfo),
        IpWhoIs = Section(sections, "IpWhoIs", IpWhoIs),
        IpDnsResolutions = SectionList(sections, "IpDnsResolutions", IpDnsResolution),
        FilesDownloadedFromIp = SectionList(sections, "FilesDownloadedFromIp", FileReference),
        HostedUrls = SectionList(sections, "HostedUrls", UrlWithZone),

        DomainGeneralInfo = Section(sections, "DomainGeneralInfo", DomainGeneralInfo),
        DomainWhoIsInfo = Section(sections, "DomainWhoIsInfo", DomainWhoIs),
        UrlGeneralInfo = Section(sections, "UrlGeneralInfo", UrlGeneralInfo),
        UrlDomainWhoIs = Section(sections, "UrlDomainWhoIs", DomainWhoIs),
        DomainDnsResolutions = SectionList(sections, "DomainDnsResolutions", DomainDnsResolution),
        FilesDownloaded = SectionList(sections, "FilesDownloaded", FileReference),
        FilesAccessed = SectionList(sections, "FilesAccessed", FileReference),
        UrlReferrals = SectionList(sections, "UrlReferrals", UrlWithZone),
        UrlReferredTo = SectionList(sections, "UrlReferredTo", UrlWithZone),
        Subdomains = SectionList(sections, "Subdomains", Subdomain),
    };

    private static T? Section<T>(Dictionary<string, JsonElement> sections, string name, Func<JsonElement, T> read)
        where T : class =>
        sections.TryGetValue(name, out var value) ? AsObject(value, read) : null;

    private static IReadOnlyList<T>? SectionList<T>(Dictionary<string, JsonElement> sections, string name, Func<JsonElement, T?> item)
        where T : class =>
        sections.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? AsList(value, item) : null;

    private static bool? HasRedZone(Dictionary<string, JsonElement> sections)
    {
        if (sections.TryGetValue("RelatedObjects", out var related))
        {
            var hasRedZone = related.ValueKind == JsonValueKind.Object ? ReadBool(related, "HasRedZone") : AsBool(related);
            if (hasRedZone is not null)
            {
                return hasRedZone;
            }
        }

        // Some answers may carry the flag flat instead of under RelatedObjects.
        return sections.TryGetValue("HasRedZoneRelatedObjects", out var flat) ? AsBool(flat) : null;
    }

    private static TipLicenseInfo LicenseInfo(JsonElement e) => new()
    {
        AccessType = ReadString(e, "AccessType"),
        DayRequests = ReadLong(e, "DayRequests"),
        DayQuota = ReadLong(e, "DayQuota"),
        TokenExpirationDate = ReadDate(e, "TokenExpirationDate"),
    };

    private static TipFileGeneralInfo FileGeneralInfo(JsonElement e) => new()
    {
        Md5 = ReadString(e, "Md5"),
        Sha1 = ReadString(e, "Sha1"),
        Sha256 = ReadString(e, "Sha256"),
        FirstSeen = ReadDate(e, "FirstSeen"),
        LastSeen = ReadDate(e, "LastSeen"),
        Signer = ReadString(e, "Signer"),
        SignerZone = ReadZone(e, "SignerZone"),
        SignerStatus = ReadString(e, "SignerStatus"),
        Packer = ReadString(e, "Packer"),
        Size = ReadLong(e, "Size"),
        Type = ReadString(e, "Type"),
        HitsCount = ReadLong(e, "HitsCount"),
        FileStatus = ReadString(e, "FileStatus"),
        Categories = ReadStrings(e, "Categories"),
        HasApt = ReadBool(e, "HasApt"),
        RelatedAptReports = ReadList(e, "RelatedAptReports", AptReport),
    };

    private static TipDetection? Detection(JsonElement e) => e.ValueKind != JsonValueKind.Object ? null : new()
    {
        LastDetectDate = ReadDate(e, "LastDetectDate"),
        DescriptionUrl = ReadString(e, "DescriptionUrl"),
        Zone = ReadZone(e, "Zone"),
        DetectionName = ReadString(e, "DetectionName"),
        DetectionMethod = ReadString(e, "DetectionMethod"),
    };

    private static TipFileUrl? FileUrl(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new()
        {
            Url = ReadString(e, "Url"),
            Domain = ReadString(e, "Domain"),
            Zone = ReadZone(e, "Zone"),
            LastDownloadDate = ReadDate(e, "LastDownloadDate"),
        },
        JsonValueKind.String => new() { Url = e.GetString() },
        _ => null,
    };

    private static TipFileName? FileName(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "FileName"), ReadLong(e, "FileNamesHitsCount") ?? ReadLong(e, "HitsCount")),
        JsonValueKind.String => new(e.GetString(), null),
        _ => null,
    };

    private static TipFilePath? FilePath(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Path"), ReadString(e, "Location"), ReadLong(e, "FilePathHitsCount") ?? ReadLong(e, "HitsCount")),
        JsonValueKind.String => new(e.GetString(), null, null),
        _ => null,
    };

    private static TipFileCertificate? FileCertificate(JsonElement e) => e.ValueKind != JsonValueKind.Object ? null : new()
    {
        Vendor = ReadString(e, "Vendor"),
        Publisher = ReadString(e, "Publisher"),
        TimeStamp = ReadDate(e, "TimeStamp"),
        Issued = ReadDate(e, "Issued"),
        Expires = ReadDate(e, "Expires"),
        SerialNumber = ReadString(e, "SerialNumber"),
    };

    private static TipIpGeneralInfo IpGeneralInfo(JsonElement e) => new()
    {
        Ip = ReadString(e, "Ip"),
        Status = ReadString(e, "Status"),
        CountryCode = ReadString(e, "CountryCode"),
        FirstSeen = ReadDate(e, "FirstSeen"),
        HitsCount = ReadLong(e, "HitsCount"),
        ThreatScore = ReadInt(e, "ThreatScore"),
        Categories = ReadStrings(e, "Categories"),
        CategoriesWithZone = ReadList(e, "CategoriesWithZone", CategoryWithZone),
        HasApt = ReadBool(e, "HasApt"),
        RelatedAptReports = ReadList(e, "RelatedAptReports", AptReport),
    };

    private static TipIpWhoIs IpWhoIs(JsonElement e) => new()
    {
        Net = ReadObject(e, "Net", IpNet),
        Asn = ReadList(e, "Asn", Asn),
        Contacts = ReadList(e, "Contacts", IpContact),
    };

    private static TipIpNet IpNet(JsonElement e) => new()
    {
        StartIp = ReadString(e, "StartIp", "RangeStart"),
        EndIp = ReadString(e, "EndIp", "RangeEnd"),
        Created = ReadDate(e, "Created"),
        Changed = ReadDate(e, "Changed"),
        Name = ReadString(e, "Name"),
        Description = ReadString(e, "Description"),
    };

    private static TipAsn? Asn(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Origin", "Number"), ReadString(e, "Description")),
        JsonValueKind.String or JsonValueKind.Number => new(AsString(e), null),
        _ => null,
    };

    private static TipIpContact? IpContact(JsonElement e) => e.ValueKind != JsonValueKind.Object ? null : new()
    {
        Role = ReadString(e, "Role"),
        Name = ReadString(e, "Name"),
        OrganizationId = ReadString(e, "OrganizationId"),
        Address = ReadString(e, "Address"),
        Email = ReadString(e, "Email"),
        Phone = ReadString(e, "Phone"),
        Fax = ReadString(e, "Fax"),
    };

    private static TipIpDnsResolution? IpDnsResolution(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Domain"), ReadStrings(e, "Categories")),
        JsonValueKind.String => new(e.GetString(), []),
        _ => null,
    };

    private static TipDomainGeneralInfo DomainGeneralInfo(JsonElement e) => new()
    {
        Domain = ReadString(e, "Domain"),
        FilesCount = ReadLong(e, "FilesCount"),
        UrlsCount = ReadLong(e, "UrlsCount"),
        HitsCount = ReadLong(e, "HitsCount"),
        Ipv4Count = ReadLong(e, "Ipv4Count"),
        Categories = ReadStrings(e, "Categories"),
        CategoriesWithZone = ReadList(e, "CategoriesWithZone", CategoryWithZone),
        HasApt = ReadBool(e, "HasApt"),
        RelatedAptReports = ReadList(e, "RelatedAptReports", AptReport),
    };

    private static TipDomainWhoIs DomainWhoIs(JsonElement e) => new()
    {
        DomainName = ReadString(e, "DomainName"),
        Created = ReadDate(e, "Created"),
        Updated = ReadDate(e, "Updated"),
        Expires = ReadDate(e, "Expires"),
        NameServers = ReadStrings(e, "NameServers"),
        DomainStatus = ReadStrings(e, "DomainStatus"),
        Registrar = Member(e, "Registrar") is { } registrar ? Registrar(registrar) : null,
        RegistrationOrganization = ReadString(e, "RegistrationOrganization"),
        Contacts = ReadList(e, "Contacts", DomainContact),
    };

    private static TipRegistrar? Registrar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Info"), ReadString(e, "IanaId"), ReadString(e, "Email")),
        JsonValueKind.String => new(e.GetString(), null, null),
        _ => null,
    };

    private static TipDomainContact? DomainContact(JsonElement e) => e.ValueKind != JsonValueKind.Object ? null : new()
    {
        ContactType = ReadString(e, "ContactType"),
        Name = ReadString(e, "Name"),
        Organization = ReadString(e, "Organization"),
        Address = ReadString(e, "Address"),
        City = ReadString(e, "City"),
        State = ReadString(e, "State"),
        PostalCode = ReadString(e, "PostalCode"),
        CountryCode = ReadString(e, "CountryCode"),
        Email = ReadString(e, "Email"),
        Phone = ReadString(e, "Phone"),
        Fax = ReadString(e, "Fax"),
    };

    private static TipDomainDnsResolution? DomainDnsResolution(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Ip"), ReadZone(e, "Zone")),
        JsonValueKind.String => new(e.GetString(), TipZone.Unknown),
        _ => null,
    };

    private static TipSubdomain? Subdomain(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Subdomain"), ReadZone(e, "Zone")),
        JsonValueKind.String => new(e.GetString(), TipZone.Unknown),
        _ => null,
    };

    private static TipUrlGeneralInfo UrlGeneralInfo(JsonElement e) => new()
    {
        Url = ReadString(e, "Url"),
        Host = ReadString(e, "Host"),
        Ipv4Count = ReadLong(e, "Ipv4Count"),
        FilesCount = ReadLong(e, "FilesCount"),
        Categories = ReadStrings(e, "Categories"),
        CategoriesWithZone = ReadList(e, "CategoriesWithZone", CategoryWithZone),
        HasApt = ReadBool(e, "HasApt"),
        RelatedAptReports = ReadList(e, "RelatedAptReports", AptReport),
    };

    private static TipCategoryWithZone? CategoryWithZone(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Name"), ReadZone(e, "Zone")),
        JsonValueKind.String => new(e.GetString(), TipZone.Unknown),
        _ => null,
    };

    private static TipAptReport? AptReport(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Title"), ReadString(e, "Id")),
        JsonValueKind.String => new(e.GetString(), null),
        _ => null,
    };

    private static TipUrlWithZone? UrlWithZone(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new(ReadString(e, "Url"), ReadZone(e, "Zone")),
        JsonValueKind.String => new(e.GetString(), TipZone.Unknown),
        _ => null,
    };

    private static TipFileReference? FileReference(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => new()
        {
            Md5 = ReadString(e, "Md5"),
            Zone = ReadZone(e, "Zone"),
            FirstSeen = ReadDate(e, "FirstSeen"),
            LastSeen = ReadDate(e, "LastSeen"),
            Url = ReadString(e, "Url"),
        },
        JsonValueKind.String => new() { Md5 = e.GetString() },
        _ => null,
    };
}
