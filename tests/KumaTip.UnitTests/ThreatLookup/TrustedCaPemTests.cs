using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.UnitTests.ThreatLookup;

public sealed class TrustedCaPemTests
{
    [Fact]
    public void Pem_with_several_certificates_is_kept_certificate_by_certificate_and_described()
    {
        using var first = Authority("CN=First CA");
        using var second = Authority("CN=Second CA");
        var upload = "comment line\n" + first.ExportCertificatePem() + "\n\n" + second.ExportCertificatePem();

        var pem = TrustedCaPem.FromFile(Encoding.ASCII.GetBytes(upload));

        Assert.True(pem.Succeeded, pem.Error?.Message);
        Assert.DoesNotContain("comment line", pem.Value, StringComparison.Ordinal);
        Assert.Equal(["CN=First CA", "CN=Second CA"], TrustedCaPem.Describe(pem.Value).Select(c => c.Subject));
    }

    [Fact]
    public void A_der_certificate_is_accepted_and_stored_as_pem()
    {
        using var authority = Authority("CN=Der CA");

        var pem = TrustedCaPem.FromFile(authority.RawData);

        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem.Value, StringComparison.Ordinal);
        Assert.Equal(authority.Thumbprint, TrustedCaPem.Describe(pem.Value).Single().Thumbprint);
    }

    [Fact]
    public void A_private_key_is_refused_even_beside_a_certificate()
    {
        using var authority = Authority("CN=Leaky CA");
        using var key = RSA.Create(2048);

        var pem = TrustedCaPem.FromPem(authority.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem());

        Assert.Equal(("ca_has_private_key", "ExtraCa"), (pem.Error!.Code, pem.Error.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----")]
    public void Anything_else_is_refused_as_not_a_certificate(string text)
    {
        var pem = TrustedCaPem.FromFile(Encoding.ASCII.GetBytes(text));

        Assert.False(pem.Succeeded);
        Assert.Equal("ExtraCa", pem.Error!.Field);
    }

    private static X509Certificate2 Authority(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }
}
