namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary><c>IpGeneralInfo</c> of an IP lookup.</summary>
public sealed record TipIpGeneralInfo
{
    public string? Ip { get; init; }

    /// <summary><c>known</c>, <c>reserved</c> or <c>NoInfo</c>.</summary>
    public string? Status { get; init; }

    public string? CountryCode { get; init; }
    public TipDate? FirstSeen { get; init; }
    public long? HitsCount { get; init; }

    /// <summary>0-100; 50-74 means "suspicious".</summary>
    public int? ThreatScore { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<TipCategoryWithZone> CategoriesWithZone { get; init; } = [];
    public bool? HasApt { get; init; }
    public IReadOnlyList<TipAptReport> RelatedAptReports { get; init; } = [];
}

/// <summary><c>IpWhoIs</c>: the network the address belongs to, its autonomous systems and contacts.</summary>
public sealed record TipIpWhoIs
{
    public TipIpNet? Net { get; init; }
    public IReadOnlyList<TipAsn> Asn { get; init; } = [];
    public IReadOnlyList<TipIpContact> Contacts { get; init; } = [];
}

/// <summary><c>IpWhoIs.Net</c>; the range comes as <c>StartIp/EndIp</c> or as <c>RangeStart/RangeEnd</c>.</summary>
public sealed record TipIpNet
{
    public string? StartIp { get; init; }
    public string? EndIp { get; init; }
    public TipDate? Created { get; init; }
    public TipDate? Changed { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
}

/// <summary><c>IpWhoIs.Asn[]</c>; the AS number comes as <c>Origin</c> or as <c>Number</c>.</summary>
public sealed record TipAsn(string? Number, string? Description);

/// <summary><c>IpWhoIs.Contacts[]</c>.</summary>
public sealed record TipIpContact
{
    public string? Role { get; init; }
    public string? Name { get; init; }
    public string? OrganizationId { get; init; }
    public string? Address { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Fax { get; init; }
}

/// <summary><c>IpDnsResolutions[]</c>: a domain that resolved to the address.</summary>
public sealed record TipIpDnsResolution(string? Domain, IReadOnlyList<string> Categories);
