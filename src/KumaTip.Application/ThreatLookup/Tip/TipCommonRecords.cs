namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary>A category with the zone TIP gives it (<c>CategoriesWithZone[]</c>).</summary>
public sealed record TipCategoryWithZone(string? Name, TipZone Zone);

/// <summary>A Kaspersky APT report the object is mentioned in (<c>RelatedAptReports[]</c>).</summary>
public sealed record TipAptReport(string? Title, string? Id);

/// <summary>A URL with its zone: <c>HostedUrls[]</c>, <c>UrlReferrals[]</c>, <c>UrlReferredTo[]</c>.</summary>
public sealed record TipUrlWithZone(string? Url, TipZone Zone);

/// <summary>A file seen with a domain, URL or IP: <c>FilesDownloaded[]</c>, <c>FilesAccessed[]</c>, <c>FilesDownloadedFromIp[]</c>.</summary>
public sealed record TipFileReference
{
    public string? Md5 { get; init; }
    public TipZone Zone { get; init; }
    public TipDate? FirstSeen { get; init; }
    public TipDate? LastSeen { get; init; }
    public string? Url { get; init; }
}

/// <summary>What TIP's <c>LicenseInfo</c> says about the account's own daily counters.</summary>
public sealed record TipLicenseInfo
{
    /// <summary><c>Commercial</c> or <c>Trial</c>.</summary>
    public string? AccessType { get; init; }

    /// <summary>Requests used today.</summary>
    public long? DayRequests { get; init; }

    /// <summary>The daily limit.</summary>
    public long? DayQuota { get; init; }

    /// <summary>Null for accounts without an API token.</summary>
    public TipDate? TokenExpirationDate { get; init; }
}
