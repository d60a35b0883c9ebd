using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KumaTip.TipSimulator.Certificates;

/// <summary>Makes the simulator's little PKI: a CA, a TLS server certificate and client certificates it signs.</summary>
internal static class CertificateFactory
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 CreateAuthority(string commonName)
    {
        // ECDSA keys are generated in microseconds; a fresh CA per test host costs nothing.
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}, O=KumaTip TIP Simulator", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return Persistable(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10)));
    }

    public static X509Certificate2 IssueServer(X509Certificate2 authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost, O=KumaTip TIP Simulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddIpAddress(System.Net.IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        AddLeafExtensions(request, authority, X509KeyUsageFlags.DigitalSignature, ServerAuthentication);
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(authority, now.AddDays(-1), now.AddYears(2), NewSerialNumber());
        return Persistable(issued.CopyWithPrivateKey(key));
    }

    /// <summary>An RSA client certificate, like the ones Kaspersky hands out with a TIP account.</summary>
    public static X509Certificate2 IssueClient(X509Certificate2 authority, string commonName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=KumaTip TIP Simulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        AddLeafExtensions(request, authority, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, ClientAuthentication);
        if (notAfter > authority.NotAfter)
        {
            notAfter = authority.NotAfter;
        }

        // An RSA request signed by the ECDSA CA needs the CA's signature generator spelled out.
        using var authorityKey = authority.GetECDsaPrivateKey() ?? throw new InvalidOperationException("The CA certificate has no private key.");
        using var issued = request.Create(authority.SubjectName, X509SignatureGenerator.CreateForECDsa(authorityKey), notBefore, notAfter, NewSerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    public static ClientPfx ExportClientPfx(X509Certificate2 certificate)
    {
        var password = RandomNumberGenerator.GetHexString(24, lowercase: true);
        var bytes = certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password);
        return new ClientPfx(bytes, password, certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime());
    }

    private static void AddLeafExtensions(CertificateRequest request, X509Certificate2 authority, X509KeyUsageFlags usage, string extendedUsage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new System.Security.Cryptography.Oid(extendedUsage)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, true, false));
    }

    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive, as RFC 5280 asks
        return serial;
    }

    // Keys made in memory are ephemeral; SslStream on Windows refuses them, a PKCS#12 round trip does not.
    private static X509Certificate2 Persistable(X509Certificate2 certificate)
    {
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }
}
