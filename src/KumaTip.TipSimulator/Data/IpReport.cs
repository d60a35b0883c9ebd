using System.Net;
using System.Net.Sockets;

namespace KumaTip.TipSimulator.Data;

/// <summary>The sections of an IP address lookup.</summary>
internal static class IpReport
{
    private static readonly string[] ContactRoles = ["abuse", "admin", "tech"];

    public static void Build(ReportBuilder report, string ip)
    {
        var address = IPAddress.Parse(ip);
        if (ReservedNetworks.Find(address) is { } block)
        {
            BuildReserved(report, ip, block);
            return;
        }

        var zone = report.Zone;
        var suspicious = zone is Zone.Red or Zone.Orange or Zone.Yellow;
        var general = report.Random("IpGeneralInfo");
        var network = SimulatorFixtures.Networks.TryGetValue(ip, out var known) ? known : general.Pick(Vocabulary.Networks);
        var (hasApt, aptReports) = CommonSections.Apt(zone, general);
        report.Add("IpGeneralInfo", new
        {
            Ip = ip,
            Status = "known",
            network.CountryCode,
            FirstSeen = general.SeenRange().First,
            HitsCount = general.Next(1, zone == Zone.Green ? 10_000_000 : 100_000),
            ThreatScore = ZoneLabels.ThreatScore(zone, general),
            report.Verdict.Categories,
            report.Verdict.CategoriesWithZone,
            HasApt = hasApt,
            RelatedAptReports = aptReports,
        });
        report.Add("IpWhoIs", WhoIs(report.Random("IpWhoIs"), address, network));
        report.AddList("IpDnsResolutions", 2, suspicious ? 8 : 5, random =>
        {
            var domain = report.PickRelated(random, ObservableKind.Domain, SampleNames.Domain);
            return new { Domain = domain.Value, domain.Verdict.Categories };
        });
        report.AddList("FilesDownloadedFromIp", 0, suspicious ? 8 : 2, random =>
        {
            var file = report.PickRelated(random, ObservableKind.Hash, SampleNames.Md5);
            return new { Md5 = file.Value, file.Zone };
        });
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip}]" : ip;
        report.AddList("HostedUrls", 2, suspicious ? 10 : 5, random => new { Url = SampleNames.Url(random, host) });
        CommonSections.AddIndustries(report);
        report.AddRelatedObjects();
    }

    // What TIP says about private and special-purpose addresses: that they are reserved, and whose block they are.
    private static void BuildReserved(ReportBuilder report, string ip, (IPNetwork Network, string Name, string Description) block)
    {
        var (start, end) = ReservedNetworks.Bounds(block.Network);
        report.Add("IpGeneralInfo", new { Ip = ip, Status = "reserved" });
        report.Add("IpWhoIs", new
        {
            Net = new { StartIp = start.ToString(), EndIp = end.ToString(), Created = (DateTime?)null, Changed = (DateTime?)null, block.Name, block.Description },
            Asn = Array.Empty<object>(),
            Contacts = Array.Empty<object>(),
        });
    }

    private static object WhoIs(Random random, IPAddress address, (int Number, string Name, string CountryCode) network)
    {
        var prefix = address.AddressFamily == AddressFamily.InterNetworkV6 ? 48 : 24;
        var bytes = address.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        var (start, end) = ReservedNetworks.Bounds(new IPNetwork(new IPAddress(bytes), prefix));
        var created = random.DateBetween(SampleTimeline.Earliest.AddYears(-10), SampleTimeline.Latest.AddYears(-1));
        var place = Vocabulary.Places.FirstOrDefault(p => p.CountryCode == network.CountryCode, random.Pick(Vocabulary.Places));
        var mailDomain = network.Name.ToLowerInvariant().Replace("-as", "", StringComparison.Ordinal) + ".net";
        var organizationId = $"ORG-{network.Name[..2]}{random.Next(1, 999)}-RIPE";
        return new
        {
            Net = new
            {
                StartIp = start.ToString(),
                EndIp = end.ToString(),
                Created = created,
                Changed = random.DateBetween(created, SampleTimeline.Latest),
                Name = $"{network.Name}-NET-{random.Next(1, 99)}",
                Description = $"{network.Name} network",
            },
            Asn = new[] { new { Origin = network.Number.ToString(), Description = network.Name } },
            Contacts = ContactRoles.Select(role => new
            {
                Role = role,
                Address = $"{place.City}, {place.CountryCode}",
                Email = $"{role}@{mailDomain}",
                Fax = (string?)null,
                Name = $"{network.Name} {role} team",
                OrganizationId = organizationId,
                Phone = $"+{random.Next(1, 99)} {random.Next(100, 999)} {random.Next(1_000_000, 9_999_999)}",
            }).ToList(),
        };
    }
}
