using System.Security.Cryptography.X509Certificates;
using KumaTip.TipSimulator.Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace KumaTip.TipSimulator.Hosting;

/// <summary>Mutual TLS as TIP does it: no client certificate from the right CA, no handshake.</summary>
internal static class ClientCertificatePolicy
{
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static HttpsConnectionAdapterOptions HttpsOptions(SimulatorCertificates certificates) => new()
    {
        ServerCertificate = certificates.ServerCertificate,
        ClientCertificateMode = ClientCertificateMode.RequireCertificate,
        CheckCertificateRevocation = false,
        ClientCertificateValidation = (certificate, _, _) => IsIssuedBy(certificate, certificates.CaCertificate),
    };

    /// <summary>Chains the certificate to this CA alone (not the machine's roots), for client authentication, without revocation checks.</summary>
    public static bool IsIssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid(ClientAuthentication));
        return chain.Build(certificate)
            && chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(authority.RawDataMemory.Span);
    }
}
