namespace KumaTip.TipSimulator.Data;

/// <summary>The sections of a file lookup (type hash).</summary>
internal static class HashReport
{
    private static readonly string[] EicarNames = ["eicar.com", "eicar.com.txt", "eicar_test.com"];

    private static readonly string[] DetectionPrefixes = ["HEUR:", "UDS:", "PDM:", "not-a-virus:"];

    public static void Build(ReportBuilder report, FileIdentity file)
    {
        var zone = report.Zone;
        var eicar = file == SimulatorFixtures.EicarFile;
        var suspicious = zone is Zone.Red or Zone.Orange or Zone.Yellow;
        var general = report.Random("FileGeneralInfo");
        var (firstSeen, lastSeen) = general.SeenRange();
        var signed = !eicar && general.Chance(zone == Zone.Green ? 0.85 : 0.08);
        var signer = signed ? general.Pick(Vocabulary.SoftwareVendors) : null;
        var (hasApt, aptReports) = CommonSections.Apt(zone, general);
        report.Add("FileGeneralInfo", new
        {
            file.Md5,
            file.Sha1,
            file.Sha256,
            FirstSeen = firstSeen,
            LastSeen = lastSeen,
            Signer = signer,
            SignerZone = signed ? Zone.Green : (Zone?)null,
            SignerStatus = signed ? "Valid" : "NotSigned",
            Packer = suspicious && general.Chance(0.3) ? general.Pick(Vocabulary.Packers) : null,
            Size = eicar ? 68 : general.Next(4_096, 40_000_000),
            Type = eicar ? "COM executable (text)" : general.Pick(Vocabulary.FileTypes),
            HitsCount = general.Next(1, zone == Zone.Green ? 5_000_000 : 50_000),
            FileStatus = ZoneLabels.FileStatus(zone),
            report.Verdict.Categories,
            HasApt = hasApt,
            RelatedAptReports = aptReports,
        });
        report.Add("DetectionsInfo", Detections(report, eicar, lastSeen));
        report.AddList("FileDownloadedFromUrls", 1, suspicious ? 8 : 3, random =>
        {
            var url = RelatedUrl(report, random);
            return new { Url = url.Value, Domain = DomainNames.HostOfUrl(url.Value), url.Zone, LastDownloadDate = random.DateBetween(firstSeen, lastSeen) };
        });
        report.AddList("FileAccessedUrls", 0, suspicious ? 6 : 2, random =>
        {
            var url = RelatedUrl(report, random);
            return new { Url = url.Value, Domain = DomainNames.HostOfUrl(url.Value), url.Zone };
        });
        report.AddList("FileNames", 1, 8, random => new { FileName = random.Pick(eicar ? EicarNames : Vocabulary.FileNames), FileNamesHitsCount = random.Next(1, 20_000) });
        report.AddList("FilePaths", 1, 6, random =>
        {
            var (path, location) = random.Pick(Vocabulary.FilePaths);
            return new { Path = path, Location = location, FilePathHitsCount = random.Next(1, 5_000) };
        });
        report.AddList("FileCertificates", signed ? 1 : 0, signed ? 2 : 0, random =>
        {
            var issued = random.DateBetween(firstSeen.AddYears(-2), firstSeen);
            return new { Vendor = signer, Publisher = signer, TimeStamp = random.DateBetween(issued, firstSeen), Issued = issued, Expires = issued.AddYears(3), SerialNumber = random.Hex(32).ToUpperInvariant() };
        });
        report.AddList("FileParentCertificates", signed ? 1 : 0, signed ? 2 : 0, random =>
        {
            var issued = random.DateBetween(firstSeen.AddYears(-8), firstSeen.AddYears(-2));
            return new { Issuer = random.Pick(Vocabulary.CodeSigningIssuers), SerialNumber = random.Hex(32).ToUpperInvariant(), Issued = issued, Expires = issued.AddYears(15) };
        });
        report.AddList("FileStartedObjects", 0, suspicious ? 5 : 2, random =>
        {
            var started = RelatedFile(report, random);
            return new { Md5 = started.Value, started.Zone, FileName = random.Pick(Vocabulary.FileNames) };
        });
        report.AddList("FileStartedBy", 0, 3, random =>
        {
            var parent = RelatedFile(report, random);
            return new { Md5 = parent.Value, parent.Zone };
        });
        report.AddList("FileDownloadedObjects", 0, suspicious ? 4 : 1, random =>
        {
            var downloaded = RelatedFile(report, random);
            return new { Md5 = downloaded.Value, downloaded.Zone, Url = RelatedUrl(report, random).Value };
        });
        report.AddList("FileDownloadedBy", 0, 3, random =>
        {
            var downloader = RelatedFile(report, random);
            return new { Md5 = downloader.Value, downloader.Zone };
        });
        CommonSections.AddIndustries(report);
        report.AddRelatedObjects();
    }

    private static List<object> Detections(ReportBuilder report, bool eicar, DateTime lastSeen)
    {
        var random = report.Random("DetectionsInfo");
        if (eicar)
        {
            return [Detection("EICAR-Test-File", report.Zone, random.DateBetween(lastSeen.AddDays(-30), lastSeen))];
        }

        var (names, count) = report.Zone switch
        {
            Zone.Red => (Vocabulary.RedDetections, random.Items(2, 5)),
            Zone.Orange => (Vocabulary.OrangeDetections, random.Items(1, 2)),
            Zone.Yellow => (Vocabulary.YellowDetections, random.Items(1, 3)),
            _ => ([], 0),
        };
        var distinct = new HashSet<string>();
        for (var attempt = 0; distinct.Count < count && attempt < 20; attempt++)
        {
            distinct.Add(SampleNames.Detection(random, names));
        }

        return [.. distinct.Select(name => Detection(name, report.Zone, random.DateBetween(lastSeen.AddDays(-90), lastSeen)))];
    }

    private static object Detection(string name, Zone zone, DateTime lastDetected)
    {
        var family = DetectionPrefixes.Aggregate(name, (current, prefix) => current.Replace(prefix, "", StringComparison.Ordinal));
        var method = name.Split(':')[0] switch
        {
            "HEUR" => "Heuristic analysis",
            "UDS" => "Cloud protection (KSN)",
            "PDM" => "Behavior detection",
            _ => "Signature",
        };
        return new
        {
            LastDetectDate = lastDetected,
            DescriptionUrl = $"https://threats.kaspersky.com/en/threat/{string.Join('.', family.Split('.').Take(3))}/",
            Zone = zone,
            DetectionName = name,
            DetectionMethod = method,
        };
    }

    private static Related RelatedFile(ReportBuilder report, Random random) =>
        report.PickRelated(random, ObservableKind.Hash, SampleNames.Md5);

    private static Related RelatedUrl(ReportBuilder report, Random random) =>
        report.PickRelated(random, ObservableKind.Url, r => SampleNames.Url(r, SampleNames.Domain(r)));
}
