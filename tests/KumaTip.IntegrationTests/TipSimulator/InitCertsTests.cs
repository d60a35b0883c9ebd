using System.Net;
using System.Security.Cryptography.X509Certificates;
using KumaTip.TipSimulator;
using KumaTip.TipSimulator.Certificates;
using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Hosting;

namespace KumaTip.IntegrationTests.TipSimulator;

public sealed class InitCertsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kumatip-init-certs-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Init_certs_writes_a_ca_a_server_certificate_and_a_client_pfx_that_load()
    {
        SimulatorProgram.InitCerts(_directory);

        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(_directory, SimulatorCertificates.CaCertificateFile)));
        using var server = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(_directory, SimulatorCertificates.ServerCertificateFile));
        var password = File.ReadAllText(Path.Combine(_directory, SimulatorCertificates.ClientPfxPasswordFile)).Trim();
        using var client = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_directory, SimulatorCertificates.ClientPfxFile), password);

        Assert.True(client.HasPrivateKey);
        Assert.Equal(ca.Subject, client.Issuer);
        Assert.Equal(ca.Subject, server.Issuer);
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.EnumerateIPAddresses());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, SimulatorCertificates.CaKeyFile)));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, SimulatorCertificates.ClientPfxPasswordFile)));
        }
    }

    [Fact]
    public async Task A_simulator_serving_the_written_certificates_accepts_the_written_client_pfx()
    {
        var written = SimulatorProgram.InitCerts(_directory);

        await using var host = await SimulatorHost.StartAsync(new SimulatorOptions { CertificatesDirectory = _directory });
        using var client = SimulatorClient.Create(host, host.Certificates.Client);
        using var response = await client.LookupAsync("domain", SimulatorFixtures.CleanDomain);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(written.Client.Thumbprint, host.Certificates.Client.Thumbprint);
        Assert.Equal(written.CaCertificate.Thumbprint, host.Certificates.CaCertificate.Thumbprint);
        Assert.True(host.Certificates.CaCertificate.HasPrivateKey, "ca.key is loaded, so more client certificates can be issued");
    }

    [Fact]
    public void Secrets_do_not_show_in_ToString()
    {
        var certificates = SimulatorClient.SharedCertificates;

        Assert.DoesNotContain(certificates.ClientPfxPassword, certificates.Client.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-password", new SimulatorAccount("user", "secret-password").ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
