using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>What is safe to show about a certificate: never a key.</summary>
/// <param name="Sha256Thumbprint">Upper-case hex.</param>
public sealed record TipCertificateInfo(string Subject, string Issuer, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Sha256Thumbprint)
{
    public static TipCertificateInfo Of(X509Certificate2 certificate) => new(
        certificate.Subject,
        certificate.Issuer,
        new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
        new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
        certificate.GetCertHashString(HashAlgorithmName.SHA256));
}
