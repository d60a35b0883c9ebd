using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>A certificate trusted in addition to the system's, as the settings page shows it.</summary>
public sealed record TrustedCertificate(string Subject, string Thumbprint, DateTimeOffset NotAfter);

/// <summary>
/// The additional trusted CA certificates (a TLS-inspecting proxy's, a test service's): checked on upload,
/// stored as PEM, loaded by the TIP client. Only certificates are accepted, never a private key.
/// </summary>
public static class TrustedCaPem
{
    public const string Field = "ExtraCa";

    private const string PemCertificateHeader = "-----BEGIN CERTIFICATE-----";

    /// <summary>An uploaded file: PEM (one or more certificates) or a single DER certificate (.cer, .crt).</summary>
    public static Result<string> FromFile(byte[] file)
    {
        if (file.Length == 0)
        {
            return Invalid("ca_missing", "The certificate file is empty.");
        }

        if (file.Length > ThreatLookupSettings.MaxExtraCaPemLength)
        {
            return Invalid("ca_too_large", $"The certificate file is larger than {ThreatLookupSettings.MaxExtraCaPemLength / 1024} KiB.");
        }

        var text = Encoding.UTF8.GetString(file);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            return FromPem(text);
        }

        try
        {
            using var certificate = X509CertificateLoader.LoadCertificate(file);
            return certificate.ExportCertificatePem() + "\n";
        }
        catch (CryptographicException)
        {
            return NotCertificates();
        }
    }

    /// <summary>PEM text: every certificate in it, re-encoded (anything between them is dropped).</summary>
    public static Result<string> FromPem(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return Invalid("ca_missing", "The certificate file is empty.");
        }

        if (pem.Length > ThreatLookupSettings.MaxExtraCaPemLength)
        {
            return Invalid("ca_too_large", $"The certificate file is larger than {ThreatLookupSettings.MaxExtraCaPemLength / 1024} KiB.");
        }

        if (pem.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return Invalid("ca_has_private_key", "The file holds a private key. Upload only the CA certificate; its key must stay with its owner.");
        }

        if (!pem.Contains(PemCertificateHeader, StringComparison.Ordinal))
        {
            return NotCertificates();
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(pem);
            if (certificates.Count == 0)
            {
                return NotCertificates();
            }

            return string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));
        }
        catch (CryptographicException)
        {
            return NotCertificates();
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>The certificates of stored PEM (checked when saved), for the TIP client's trust store. The caller disposes them.</summary>
    public static X509Certificate2Collection Load(string? pem)
    {
        var certificates = new X509Certificate2Collection();
        if (!string.IsNullOrWhiteSpace(pem))
        {
            certificates.ImportFromPem(pem);
        }

        return certificates;
    }

    public static IReadOnlyList<TrustedCertificate> Describe(string? pem)
    {
        var certificates = Load(pem);
        try
        {
            return [.. certificates.Select(c => new TrustedCertificate(c.Subject, c.Thumbprint, new DateTimeOffset(c.NotAfter.ToUniversalTime())))];
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static Error NotCertificates() =>
        Invalid("ca_not_certificate", "The file is not a certificate. Upload the CA certificate in PEM (-----BEGIN CERTIFICATE-----) or DER form.");

    private static Error Invalid(string code, string message) => new(code, message) { Field = Field };
}
