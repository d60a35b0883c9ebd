using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KumaTip.UnitTests.Secrets;

/// <summary>Makes certificates and PFX files for the tests; nothing is read from disk or the network.</summary>
internal static class TestPfx
{
    public const string Password = "Pfx-p@ssw0rd-9f3c1e";

    public static X509Certificate2 Certificate(
        DateTimeOffset notBefore, DateTimeOffset notAfter, string subject = "CN=KumaTip Test Client, O=SOC", bool ecdsa = false, X509Certificate2? issuer = null, bool authority = false)
    {
        using var rsa = ecdsa ? null : RSA.Create(2048);
        using var ec = ecdsa ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : null;
        var request = ecdsa
            ? new CertificateRequest(subject, ec!, HashAlgorithmName.SHA256)
            : new CertificateRequest(subject, rsa!, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(authority, false, 0, true));
        if (!authority)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        }

        if (issuer is null)
        {
            return request.CreateSelfSigned(notBefore, notAfter);
        }

        using var signed = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
        return ecdsa ? signed.CopyWithPrivateKey(ec!) : signed.CopyWithPrivateKey(rsa!);
    }

    public static byte[] Create(DateTimeOffset notBefore, DateTimeOffset notAfter, string? password = Password, bool ecdsa = false)
    {
        using var certificate = Certificate(notBefore, notAfter, ecdsa: ecdsa);
        return Export(certificate, password);
    }

    /// <summary>A valid PFX around <paramref name="now"/>: valid from a year ago for another year.</summary>
    public static byte[] Valid(DateTimeOffset now, string? password = Password) => Create(now.AddYears(-1), now.AddYears(1), password);

    public static byte[] WithoutPrivateKey(DateTimeOffset now)
    {
        using var withKey = Certificate(now.AddYears(-1), now.AddYears(1));
        using var publicOnly = X509CertificateLoader.LoadCertificate(withKey.RawData);
        return Export(publicOnly, Password);
    }

    /// <summary>A PFX as a CA hands it out: the issuing CA's certificate (no key) before the client certificate with its key.</summary>
    public static byte[] WithChain(DateTimeOffset now, out string clientThumbprint)
    {
        using var authority = Certificate(now.AddYears(-2), now.AddYears(2), "CN=KumaTip Test CA", authority: true);
        using var client = Certificate(now.AddYears(-1), now.AddYears(1), issuer: authority);
        using var authorityPublic = X509CertificateLoader.LoadCertificate(authority.RawData);
        clientThumbprint = client.Thumbprint;
        return new X509Certificate2Collection { authorityPublic, client }.Export(X509ContentType.Pkcs12, Password)!;
    }

    public static byte[] Export(X509Certificate2 certificate, string? password) =>
        certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
}
