namespace KumaTip.TipSimulator.Data;

/// <summary>The WHOIS record of a registrable domain (DomainWhoIsInfo, and UrlDomainWhoIs for a URL's host).</summary>
internal static class DomainWhoIs
{
    private const string Redacted = "REDACTED FOR PRIVACY";

    private static readonly string[] ContactTypes = ["registrant", "administrative", "technical"];

    public static object For(ThreatCatalog catalog, string domain)
    {
        var zone = catalog.VerdictFor(ObservableKind.Domain, domain)?.Zone ?? Zone.Grey;
        var random = Seeds.Random("whois", domain);
        var young = zone is Zone.Red or Zone.Orange; // malicious names are mostly freshly registered
        var created = random.DateBetween(young ? SampleTimeline.Latest.AddYears(-2) : SampleTimeline.Earliest.AddYears(-15), SampleTimeline.Latest.AddDays(-20));
        var expires = created.AddYears(young ? 1 : random.Next(5, 12));
        while (expires < SampleTimeline.Latest)
        {
            expires = expires.AddYears(1);
        }

        var registrar = random.Pick(Vocabulary.Registrars);
        var redacted = zone != Zone.Green || random.Chance(0.3);
        var organization = redacted ? Redacted : SampleNames.Organization(domain, random);
        var place = random.Pick(Vocabulary.Places);
        return new
        {
            DomainName = domain,
            Created = created,
            Updated = random.DateBetween(created, SampleTimeline.Latest),
            Expires = expires,
            NameServers = new[] { $"ns1.{registrar.NameServers}", $"ns2.{registrar.NameServers}" },
            DomainStatus = Vocabulary.DomainStatuses.Take(random.Items(1, young ? 4 : 3)).ToList(),
            Registrar = new { registrar.Info, registrar.IanaId, registrar.Email },
            RegistrationOrganization = organization,
            Contacts = ContactTypes.Select(type => new
            {
                ContactType = type,
                Name = redacted ? Redacted : $"Domain {type} contact",
                Organization = organization,
                Address = redacted ? Redacted : $"{random.Next(1, 300)} Market Street",
                place.City,
                place.State,
                place.PostalCode,
                place.CountryCode,
                Email = redacted ? $"Please query the RDDS service of the Registrar of Record ({registrar.Info})" : $"{type}@{domain}",
                Phone = redacted ? Redacted : $"+1.555{random.Next(1_000_000, 9_999_999)}",
                Fax = (string?)null,
            }).ToList(),
        };
    }
}
