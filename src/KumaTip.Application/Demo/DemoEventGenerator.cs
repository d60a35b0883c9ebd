using System.Globalization;
using KumaTip.Application.Events;

namespace KumaTip.Application.Demo;

/// <summary>
/// Realistic-looking events from a firewall, a web proxy, an EDR and a mail gateway, spread over a time span, for the
/// demo mode and benchmarks. Deterministic for a seed. Among their observables: the malicious URL the TIP simulator
/// knows (<see cref="MaliciousUrl"/>, also as the domain), well-known benign ones (kaspersky.com, 8.8.8.8), file
/// hashes (the EICAR test file among them) and private addresses.
/// </summary>
public sealed class DemoEventGenerator(int seed = 2026)
{
    public const string MaliciousUrl = "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe";
    public const string MaliciousDomain = "dd.daywinners.com";
    public const string EicarMd5 = "44d88612fea8a8f36de82e1278abb02f";
    public const string EicarSha1 = "3395856ce81f2b7382dee72602f798b642f14140";
    public const string EicarSha256 = "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f";

    private static readonly (string Host, string Ip)[] Benign =
    [
        ("kaspersky.com", "185.85.15.26"), ("www.kaspersky.com", "185.85.15.26"), ("dns.google", "8.8.8.8"),
        ("github.com", "140.82.121.4"), ("www.microsoft.com", "23.55.161.140"), ("yandex.ru", "77.88.55.88"),
        ("update.microsoft.com", "13.107.4.50"), ("one.one.one.one", "1.1.1.1"),
    ];

    private static readonly string[] Users = ["ivanov", "petrova", "sidorov", "kuznetsova", "smirnov", "operator1", "svc-backup"];

    private static readonly string[] Files = ["invoice.pdf.exe", "setup.exe", "report.docm", "update.js", "7z.exe", "payload.dll"];

    private readonly Random _random = new(seed);

    /// <summary>
    /// <paramref name="count"/> events between <paramref name="end"/> − <paramref name="span"/> and <paramref name="end"/>.
    /// The first proxy event fetches <see cref="MaliciousUrl"/>, so every set of events holds it.
    /// </summary>
    public IEnumerable<Event> Generate(int count, DateTimeOffset end, TimeSpan span)
    {
        var spanMs = (long)span.TotalMilliseconds;
        var maliciousGiven = false;
        for (var i = 0; i < count; i++)
        {
            var at = end.AddMilliseconds(-_random.NextInt64(spanMs));
            at = new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
            var roll = _random.Next(100);
            yield return roll switch
            {
                < 40 => Firewall(at),
                < 70 => Proxy(at, malicious: !maliciousGiven || _random.Next(100) == 0, out maliciousGiven),
                < 85 => Edr(at),
                _ => Mail(at),
            };
        }
    }

    private Event Firewall(DateTimeOffset at)
    {
        var (host, ip) = Pick(Benign);
        var blocked = _random.Next(5) == 0;
        var outbound = _random.Next(4) != 0;
        var source = outbound ? InternalIp() : ip;
        var destination = outbound ? ip : InternalIp();
        var port = Pick([53, 80, 443, 443, 443, 22, 3389, 445]);
        var sourcePort = _random.Next(1024, 65535);
        return new Event
        {
            Timestamp = at,
            Name = blocked ? "Connection blocked" : "Connection allowed",
            DeviceVendor = "UserGate",
            DeviceProduct = "NGFW",
            DeviceEventCategory = "Firewall",
            Severity = blocked ? "Medium" : "Low",
            SourceAddress = source,
            SourcePort = sourcePort,
            SourceHostName = outbound ? Workstation() : null,
            DestinationAddress = destination,
            DestinationPort = port,
            DestinationHostName = outbound && port != 53 ? host : null,
            Message = string.Create(CultureInfo.InvariantCulture, $"TCP {source}:{sourcePort} -> {destination}:{port} {(blocked ? "dropped by rule 'Block untrusted'" : "accepted")}"),
            Extra = $$"""{"DeviceAction":"{{(blocked ? "drop" : "accept")}}","TransportProtocol":"TCP"}""",
        };
    }

    private Event Proxy(DateTimeOffset at, bool malicious, out bool maliciousGiven)
    {
        maliciousGiven = true;
        var (host, ip) = Pick(Benign);
        var url = malicious
            ? MaliciousUrl
            : Pick([$"https://{host}/", $"https://{host}/downloads/product.msi", $"https://{host}/search?q=kuma+threat+lookup", $"http://{host}/favicon.ico"]);
        var user = Pick(Users);
        return new Event
        {
            Timestamp = at,
            Name = malicious ? "File download" : "HTTP request",
            DeviceVendor = "Kaspersky",
            DeviceProduct = "Kaspersky Web Traffic Security",
            DeviceEventCategory = "Proxy",
            Severity = malicious ? "High" : "Low",
            SourceAddress = InternalIp(),
            SourceHostName = Workstation(),
            SourceUserName = "CORP\\" + user,
            DestinationAddress = malicious ? "45.133.1.27" : ip,
            DestinationPort = url.StartsWith("https", StringComparison.Ordinal) ? 443 : 80,
            DestinationHostName = malicious ? MaliciousDomain : host,
            RequestUrl = url,
            FileName = malicious ? "VFZvqeP-V1ffkQ.exe" : null,
            Message = malicious ? $"GET {url} 200 application/x-msdownload 482304 bytes, user {user}" : $"GET {url} 200",
            Extra = $$"""{"RequestMethod":"GET","DeviceAction":"{{(malicious ? "allowed (not yet categorized)" : "allowed")}}"}""",
        };
    }

    private Event Edr(DateTimeOffset at)
    {
        var eicar = _random.Next(3) == 0;
        var hash = eicar ? Pick([EicarMd5, EicarSha1, EicarSha256]) : RandomHex(Pick([32, 64]));
        var file = eicar ? "eicar.com" : Pick(Files);
        var user = Pick(Users);
        var path = $"C:\\Users\\{user}\\Downloads\\{file}";
        return new Event
        {
            Timestamp = at,
            Name = eicar ? "Malicious object detected" : "Process started",
            DeviceVendor = "Kaspersky",
            DeviceProduct = "Kaspersky Endpoint Security",
            DeviceEventCategory = "EDR",
            Severity = eicar ? "High" : "Info",
            SourceAddress = InternalIp(),
            SourceHostName = Workstation(),
            SourceUserName = "CORP\\" + user,
            FileHash = hash,
            FileName = file,
            FilePath = path,
            Message = eicar
                ? $"Detected: EICAR-Test-File in {path} (MD5 {EicarMd5}); object deleted"
                : $"Process {file} started by {user}, SHA256 {RandomHex(64)}",
        };
    }

    private Event Mail(DateTimeOffset at)
    {
        var phishing = _random.Next(6) == 0;
        var user = Pick(Users);
        return new Event
        {
            Timestamp = at,
            Name = phishing ? "Phishing link in message" : "Message delivered",
            DeviceVendor = "Kaspersky",
            DeviceProduct = "Kaspersky Secure Mail Gateway",
            DeviceEventCategory = "Mail",
            Severity = phishing ? "High" : "Info",
            SourceAddress = phishing ? "45.133.1.27" : Pick(Benign).Ip,
            SourceHostName = phishing ? "mail.invoice-center.biz" : "mx.kaspersky.com",
            DestinationAddress = "10.10.0.25",
            DestinationHostName = "mail.office.internal",
            DestinationPort = 25,
            SourceUserName = user + "@corp.example.org",
            Message = phishing
                ? "From: billing@invoice-center.biz Subject: Overdue invoice. Link: hxxp://dd.daywinners[.]com/d/VFZvqeP-V1ffkQ.exe"
                : $"From: news@kaspersky.com Subject: Weekly digest, to {user}@corp.example.org, see https://www.kaspersky.com/blog",
        };
    }

    private string InternalIp() => Pick(["10.20.", "10.30.", "192.168.1."]) is var prefix && prefix.Length == 6
        ? string.Create(CultureInfo.InvariantCulture, $"{prefix}{_random.Next(1, 9)}.{_random.Next(10, 250)}")
        : string.Create(CultureInfo.InvariantCulture, $"{prefix}{_random.Next(10, 250)}");

    private string Workstation() => _random.Next(3) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"WS-{_random.Next(1, 400):0000}")
        : string.Create(CultureInfo.InvariantCulture, $"ws-{_random.Next(1, 400):0000}.office.internal");

    private string RandomHex(int length)
    {
        Span<byte> bytes = stackalloc byte[length / 2];
        _random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
