namespace KumaTip.TipSimulator.Data;

/// <summary>The sections of a domain lookup.</summary>
internal static class DomainReport
{
    public static void Build(ReportBuilder report, string domain)
    {
        var zone = report.Zone;
        var suspicious = zone is Zone.Red or Zone.Orange or Zone.Yellow;
        var general = report.Random("DomainGeneralInfo");
        var (hasApt, aptReports) = CommonSections.Apt(zone, general);
        report.Add("DomainGeneralInfo", new
        {
            Domain = domain,
            FilesCount = general.Next(suspicious ? 5 : 0, suspicious ? 2_000 : 50),
            UrlsCount = general.Next(1, 5_000),
            HitsCount = general.Next(1, zone == Zone.Green ? 10_000_000 : 100_000),
            Ipv4Count = general.Next(6, 40),
            report.Verdict.Categories,
            report.Verdict.CategoriesWithZone,
            HasApt = hasApt,
            RelatedAptReports = aptReports,
        });
        report.Add("DomainWhoIsInfo", DomainWhoIs.For(report.Catalog, DomainNames.Registrable(domain)));
        CommonSections.AddDnsResolutions(report, 3, 6);
        CommonSections.AddFiles(report, "FilesDownloaded", random => SampleNames.Url(random, domain), suspicious ? 2 : 0, suspicious ? 10 : 3);
        CommonSections.AddFiles(report, "FilesAccessed", random => SampleNames.Url(random, domain), suspicious ? 1 : 0, suspicious ? 6 : 2);
        CommonSections.AddUrls(report, "UrlReferrals", 0, 6);
        CommonSections.AddUrls(report, "UrlReferredTo", 0, 6);
        report.AddList("Subdomains", 1, 8, random =>
        {
            var subdomain = report.PickRelated(random, ObservableKind.Domain, r => $"{r.Pick(Vocabulary.Words)}.{domain}");
            return new { Subdomain = subdomain.Value, subdomain.Zone };
        });
        CommonSections.AddIndustries(report);
        report.AddRelatedObjects();
    }
}
