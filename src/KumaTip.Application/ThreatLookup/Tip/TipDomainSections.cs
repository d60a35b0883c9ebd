namespace KumaTip.Application.ThreatLookup.Tip;

/// <summary><c>DomainGeneralInfo</c> of a domain lookup.</summary>
public sealed record TipDomainGeneralInfo
{
    public string? Domain { get; init; }
    public long? FilesCount { get; init; }
    public long? UrlsCount { get; init; }
    public long? HitsCount { get; init; }
    public long? Ipv4Count { get; init; }
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<TipCategoryWithZone> CategoriesWithZone { get; init; } = [];
    public bool? HasApt { get; init; }
    public IReadOnlyList<TipAptReport> RelatedAptReports { get; init; } = [];
}

/// <summary>The domain WHOIS record: <c>DomainWhoIsInfo</c> of a domain lookup, <c>UrlDomainWhoIs</c> of a URL lookup.</summary>
public sealed record TipDomainWhoIs
{
    public string? DomainName { get; init; }
    public TipDate? Created { get; init; }
    public TipDate? Updated { get; init; }
    public TipDate? Expires { get; init; }
    public IReadOnlyList<string> NameServers { get; init; } = [];
    public IReadOnlyList<string> DomainStatus { get; init; } = [];
    public TipRegistrar? Registrar { get; init; }
    public string? RegistrationOrganization { get; init; }
    public IReadOnlyList<TipDomainContact> Contacts { get; init; } = [];
}

/// <summary>The registrar of a domain; <see cref="Info"/> is its name.</summary>
public sealed record TipRegistrar(string? Info, string? IanaId, string? Email);

/// <summary>A WHOIS contact of a domain (registrant, administrative, technical…).</summary>
public sealed record TipDomainContact
{
    public string? ContactType { get; init; }
    public string? Name { get; init; }
    public string? Organization { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? PostalCode { get; init; }
    public string? CountryCode { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Fax { get; init; }
}

/// <summary><c>DomainDnsResolutions[]</c>: an address the domain resolved to.</summary>
public sealed record TipDomainDnsResolution(string? Ip, TipZone Zone);

/// <summary><c>Subdomains[]</c>.</summary>
public sealed record TipSubdomain(string? Subdomain, TipZone Zone);
