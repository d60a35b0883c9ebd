using System.Net;

namespace KumaTip.TipSimulator.Data;

/// <summary>The sections of a URL lookup.</summary>
internal static class UrlReport
{
    public static void Build(ReportBuilder report, string url)
    {
        var zone = report.Zone;
        var suspicious = zone is Zone.Red or Zone.Orange or Zone.Yellow;
        var host = DomainNames.HostOfUrl(url);
        var general = report.Random("UrlGeneralInfo");
        var (hasApt, aptReports) = CommonSections.Apt(zone, general);
        report.Add("UrlGeneralInfo", new
        {
            Url = url,
            Host = host,
            Ipv4Count = general.Next(3, 12),
            FilesCount = general.Next(suspicious ? 1 : 0, suspicious ? 200 : 5),
            Categories = report.Verdict.Categories.Count == 0 ? ["General"] : report.Verdict.Categories,
            report.Verdict.CategoriesWithZone,
            HasApt = hasApt,
            RelatedAptReports = aptReports,
        });
        if (!IPAddress.TryParse(host, out _))
        {
            report.Add("UrlDomainWhoIs", DomainWhoIs.For(report.Catalog, DomainNames.Registrable(host)));
        }

        CommonSections.AddDnsResolutions(report, 3, 5);
        CommonSections.AddUrls(report, "UrlReferrals", 0, 5);
        CommonSections.AddUrls(report, "UrlReferredTo", 0, 5);
        CommonSections.AddFiles(report, "FilesDownloaded", _ => url, suspicious ? 1 : 0, suspicious ? 3 : 1);
        CommonSections.AddFiles(report, "FilesAccessed", random => SampleNames.Url(random, host), 0, suspicious ? 4 : 1);
        report.AddRelatedObjects();
    }
}
