namespace KumaTip.TipSimulator.Data;

/// <summary>Word lists the generators draw from: plausible, but every combination is made up.</summary>
internal static class Vocabulary
{
    public static readonly string[] Words =
    [
        "secure", "update", "cdn", "mail", "login", "cloud", "files", "app", "news", "shop", "pay", "bank", "portal",
        "service", "online", "data", "media", "game", "free", "win", "day", "best", "fast", "top", "account", "verify",
        "office", "drive", "soft", "store", "track", "promo", "bonus", "check", "web", "net", "home", "city",
    ];

    public static readonly string[] TopLevelDomains = ["com", "net", "org", "info", "ru", "xyz", "top", "biz", "io", "online", "de", "cn"];

    public static readonly string[] UrlPaths =
    [
        "d/{token}.exe", "login/index.php", "wp-content/uploads/2025/{token}.zip", "update/setup.msi", "invoice_{token}.pdf.exe",
        "account/verify?id={token}", "download/{token}.apk", "static/js/{token}.js", "", "gate.php", "images/{token}.png",
    ];

    public static readonly string[] FileNames =
    [
        "setup.exe", "invoice.pdf.exe", "update.exe", "svchost.exe", "document.docm", "payload.dll", "installer.msi",
        "report.xlsm", "crack.exe", "chrome_update.exe", "readme.js", "photo.scr", "client.apk", "tool.zip",
    ];

    public static readonly (string Path, string Location)[] FilePaths =
    [
        (@"%userprofile%\downloads\", "Local"), (@"%temp%\", "Local"), (@"%appdata%\microsoft\windows\", "Local"),
        (@"%systemroot%\system32\", "System"), (@"%programfiles%\", "Local"), (@"\\fileserver\share\", "Network"),
        (@"e:\", "Removable"),
    ];

    public static readonly string[] FileTypes = ["PE32 executable (GUI)", "PE32+ executable (GUI)", "PE32 DLL", "MS Office document", "PDF document", "ZIP archive", "JavaScript", "ELF 64-bit", "Android APK"];

    public static readonly string[] Packers = ["UPX", "ASPack", "Themida", "MPRESS", "NSIS"];

    public static readonly string[] SoftwareVendors = ["Microsoft Corporation", "Google LLC", "Mozilla Corporation", "Adobe Inc.", "Oracle America, Inc.", "AO Kaspersky Lab", "JetBrains s.r.o."];

    public static readonly string[] CodeSigningIssuers = ["DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1", "Sectigo Public Code Signing CA R36", "Microsoft Code Signing PCA 2011", "GlobalSign GCC R45 EV CodeSigning CA 2020"];

    public static readonly string[] RedDetections =
    [
        "HEUR:Trojan.Win32.Generic", "Trojan.Win32.Agent.{v}", "Trojan-Ransom.Win32.Crypren.{v}", "Backdoor.MSIL.Agent.{v}",
        "Trojan-Downloader.Win32.Upatre.{v}", "HEUR:Trojan-PSW.Win32.Stealer.gen", "Trojan-Banker.Win32.Emotet.{v}",
        "HEUR:Backdoor.Linux.Mirai.b", "Worm.Win32.WBVB.{v}",
    ];

    public static readonly string[] OrangeDetections = ["UDS:DangerousObject.Multi.Generic", "PDM:Trojan.Win32.Generic", "HEUR:Trojan.Script.Generic"];

    public static readonly string[] YellowDetections =
    [
        "not-a-virus:HEUR:AdWare.Win32.Agent.gen", "not-a-virus:Downloader.Win32.Agent.{v}",
        "not-a-virus:RiskTool.Win32.BitCoinMiner.{v}", "not-a-virus:HEUR:AdWare.AndroidOS.Ewind.kp",
    ];

    public static readonly string[] Industries = ["Finance", "Government", "Telecommunications", "Energy", "Healthcare", "Manufacturing", "Education", "Retail", "Transportation", "IT"];

    public static readonly string[] AptActors = ["SilverFerret", "CopperLynx", "NightOwl", "StoneWasp", "BlueShark", "QuietHeron"];

    public static readonly string[] AptTargets = ["industrial companies", "government bodies", "banks", "telecom operators", "diplomatic entities"];

    public static readonly (string Info, string IanaId, string Email, string NameServers)[] Registrars =
    [
        ("GoDaddy.com, LLC", "146", "abuse@godaddy.com", "domaincontrol.com"),
        ("NameCheap, Inc.", "1068", "abuse@namecheap.com", "registrar-servers.com"),
        ("Tucows Domains Inc.", "69", "domainabuse@tucows.com", "tucows.net"),
        ("NameSilo, LLC", "1479", "abuse@namesilo.com", "dnsowl.com"),
        ("MarkMonitor Inc.", "292", "abusecomplaints@markmonitor.com", "markmonitor.com"),
        ("Cloudflare, Inc.", "1910", "registrar-abuse@cloudflare.com", "ns.cloudflare.com"),
        ("PDR Ltd. d/b/a PublicDomainRegistry.com", "303", "abuse-contact@publicdomainregistry.com", "bh-ns.com"),
        ("Network Solutions, LLC", "2", "domain.operations@web.com", "worldnic.com"),
    ];

    public static readonly string[] DomainStatuses = ["clientTransferProhibited", "clientDeleteProhibited", "clientUpdateProhibited", "serverTransferProhibited", "clientHold"];

    public static readonly string[] OrganizationSuffixes = ["Ltd", "LLC", "Inc.", "GmbH", "AO", "S.A."];

    public static readonly (string CountryCode, string City, string State, string PostalCode)[] Places =
    [
        ("US", "Phoenix", "AZ", "85001"), ("US", "San Francisco", "CA", "94107"), ("DE", "Berlin", "BE", "10115"),
        ("RU", "Moscow", "MOW", "125212"), ("NL", "Amsterdam", "NH", "1012"), ("GB", "London", "LND", "EC1A"),
        ("FR", "Roubaix", "HDF", "59100"), ("SG", "Singapore", "SG", "018956"), ("PA", "Panama", "PA", "0801"),
        ("CN", "Hangzhou", "ZJ", "310000"), ("IS", "Reykjavik", "RE", "101"),
    ];

    public static readonly (int Number, string Name, string CountryCode)[] Networks =
    [
        (16509, "AMAZON-02", "US"), (14061, "DIGITALOCEAN-ASN", "US"), (24940, "HETZNER-AS", "DE"), (16276, "OVH", "FR"),
        (51167, "CONTABO", "DE"), (20473, "AS-CHOOPA", "US"), (13335, "CLOUDFLARENET", "US"), (12389, "ROSTELECOM-AS", "RU"),
        (9009, "M247", "GB"), (4134, "CHINANET-BACKBONE", "CN"), (45090, "TENCENT-NET-AP", "CN"), (60781, "LEASEWEB-NL-AMS-01", "NL"),
    ];

    // Public first octets only: generated addresses must not fall into reserved ranges.
    public static readonly int[] PublicFirstOctets = [5, 31, 37, 45, 46, 62, 77, 78, 80, 81, 85, 91, 94, 95, 103, 104, 109, 141, 146, 151, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217];
}
