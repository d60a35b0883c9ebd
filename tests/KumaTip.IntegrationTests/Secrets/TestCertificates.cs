using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KumaTip.IntegrationTests.Secrets;

/// <summary>PFX files and CA certificates made by the tests themselves, around the real clock (the app uses it too).</summary>
public static class TestCertificates
{
    public const string Subject = "CN=KumaTip Integration Client, O=SOC";

    public static byte[] Pfx(string password, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string subject = Subject)
    {
        var now = DateTimeOffset.UtcNow;
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var certificate = request.CreateSelfSigned(notBefore ?? now.AddDays(-30), notAfter ?? now.AddYears(1));
        return certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    public static byte[] ExpiringIn(TimeSpan left, string password) =>
        Pfx(password, DateTimeOffset.UtcNow.AddDays(-300), DateTimeOffset.UtcNow + left);

    public static byte[] Expired(string password) =>
        Pfx(password, DateTimeOffset.UtcNow.AddYears(-2), DateTimeOffset.UtcNow.AddDays(-3));

    public static byte[] WithoutPrivateKey(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(Subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        return publicOnly.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
    }

    /// <summary>Random bytes: not a PFX at all.</summary>
    public static byte[] Garbage(int length = 4096) => RandomNumberGenerator.GetBytes(length);

    /// <summary>A CA certificate in PEM, as one uploads for a TLS-inspecting proxy.</summary>
    public static string CaPem(string subject = "CN=KumaTip Test Inspection CA")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
        return certificate.ExportCertificatePem();
    }

    /// <summary>A unique value that looks like a password, so scans of logs and the database cannot match by accident.</summary>
    public static string UniqueSecret(string prefix) => $"{prefix}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(10))}";
}
