using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KumaTip.TipSimulator.Certificates;

/// <summary>
/// The simulator's PKI: the CA that both the server certificate and the accepted client certificates chain to.
/// Generated fresh, or loaded from a directory written by <c>init-certs</c>.
/// </summary>
public sealed class SimulatorCertificates
{
    public const string CaCertificateFile = "ca.crt";
    public const string CaKeyFile = "ca.key";
    public const string ServerCertificateFile = "server.crt";
    public const string ServerKeyFile = "server.key";
    public const string ClientPfxFile = "client.pfx";
    public const string ClientPfxPasswordFile = "client.pfx.password";

    private SimulatorCertificates(X509Certificate2 caCertificate, X509Certificate2 serverCertificate, ClientPfx client)
    {
        CaCertificate = caCertificate;
        ServerCertificate = serverCertificate;
        Client = client;
    }

    /// <summary>The CA certificate; it carries its private key when generated or loaded with <c>ca.key</c>.</summary>
    public X509Certificate2 CaCertificate { get; }

    public string CaCertificatePem => CaCertificate.ExportCertificatePem();

    /// <summary>Valid for localhost, 127.0.0.1 and ::1; signed by <see cref="CaCertificate"/>.</summary>
    public X509Certificate2 ServerCertificate { get; }

    /// <summary>A client certificate the simulator accepts.</summary>
    public ClientPfx Client { get; }

    public byte[] ClientPfxBytes => Client.Bytes;

    public string ClientPfxPassword => Client.Password;

    public static SimulatorCertificates Generate()
    {
        var ca = CertificateFactory.CreateAuthority("KumaTip TIP Simulator CA");
        var server = CertificateFactory.IssueServer(ca);
        return new SimulatorCertificates(ca, server, IssueFrom(ca, "kumatip-tip-client", null, null));
    }

    /// <summary>Loads what <see cref="WriteTo"/> wrote; without <c>ca.key</c> no further client certificates can be issued.</summary>
    public static SimulatorCertificates Load(string directory)
    {
        string PathOf(string file) => Path.Combine(directory, file);
        var caKey = PathOf(CaKeyFile);
        var ca = File.Exists(caKey)
            ? X509Certificate2.CreateFromPemFile(PathOf(CaCertificateFile), caKey)
            : X509CertificateLoader.LoadCertificateFromFile(PathOf(CaCertificateFile));
        using var serverFromPem = X509Certificate2.CreateFromPemFile(PathOf(ServerCertificateFile), PathOf(ServerKeyFile));
        var server = X509CertificateLoader.LoadPkcs12(serverFromPem.Export(X509ContentType.Pkcs12), null);
        var pfxBytes = File.ReadAllBytes(PathOf(ClientPfxFile));
        var password = File.ReadAllText(PathOf(ClientPfxPasswordFile)).Trim();
        using var client = X509CertificateLoader.LoadPkcs12(pfxBytes, password);
        return new SimulatorCertificates(ca, server, new ClientPfx(pfxBytes, password, client.Subject, client.Thumbprint, client.NotAfter.ToUniversalTime()));
    }

    /// <summary>Writes the PEM and PFX files; keys and the PFX password are made readable by the owner only.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        WritePublic(directory, CaCertificateFile, CaCertificatePem);
        WritePublic(directory, ServerCertificateFile, ServerCertificate.ExportCertificatePem());
        WritePrivate(directory, ServerKeyFile, PrivateKeyPem(ServerCertificate));
        if (CaCertificate.HasPrivateKey)
        {
            WritePrivate(directory, CaKeyFile, PrivateKeyPem(CaCertificate));
        }

        WritePrivate(directory, ClientPfxFile, Client.Bytes);
        WritePrivate(directory, ClientPfxPasswordFile, Client.Password + "\n");
    }

    /// <summary>Another client certificate from this CA (e.g. a renewed or an already expired one).</summary>
    public ClientPfx IssueClientPfx(string commonName = "kumatip-tip-client", DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        if (!CaCertificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"The CA's private key ({CaKeyFile}) was not loaded, so no client certificate can be issued.");
        }

        return IssueFrom(CaCertificate, commonName, notBefore, notAfter);
    }

    /// <summary>A well-formed client certificate from an unrelated CA: the simulator must refuse it in the handshake.</summary>
    public static ClientPfx IssueClientPfxFromForeignCa(string commonName = "kumatip-foreign-client")
    {
        using var foreignCa = CertificateFactory.CreateAuthority("Some Other CA");
        return IssueFrom(foreignCa, commonName, null, null);
    }

    private static ClientPfx IssueFrom(X509Certificate2 ca, string commonName, DateTimeOffset? notBefore, DateTimeOffset? notAfter)
    {
        var now = DateTimeOffset.UtcNow;
        using var certificate = CertificateFactory.IssueClient(ca, commonName, notBefore ?? now.AddDays(-1), notAfter ?? now.AddYears(1));
        return CertificateFactory.ExportClientPfx(certificate);
    }

    private static string PrivateKeyPem(X509Certificate2 certificate)
    {
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetECDsaPrivateKey() ?? certificate.GetRSAPrivateKey()
            ?? throw new InvalidOperationException($"The certificate {certificate.Subject} has no private key.");
        using (key)
        {
            return key.ExportPkcs8PrivateKeyPem();
        }
    }

    private static void WritePublic(string directory, string file, string text) => File.WriteAllText(Path.Combine(directory, file), text);

    private static void WritePrivate(string directory, string file, string text) => WritePrivate(directory, file, System.Text.Encoding.UTF8.GetBytes(text));

    private static void WritePrivate(string directory, string file, byte[] bytes)
    {
        var path = Path.Combine(directory, file);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(bytes);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only when the file is new; an overwritten file keeps its old mode.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
