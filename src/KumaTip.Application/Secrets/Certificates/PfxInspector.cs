using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KumaTip.Application.Common;

namespace KumaTip.Application.Secrets.Certificates;

/// <summary>
/// Checks an uploaded PFX (PKCS#12) before it is stored, and loads it for the TIP client's mutual TLS.
/// Every refusal says what to do; none repeats the password or any byte of the file.
/// </summary>
public sealed class PfxInspector
{
    public const int MaxPfxBytes = 1024 * 1024;

    public const string PfxField = "Pfx";

    public const string PasswordField = "PfxPassword";

    private const int ErrorInvalidPassword = unchecked((int)0x80070056);
    private const string Pkcs7Data = "1.2.840.113549.1.7.1";
    private const string Pkcs7SignedData = "1.2.840.113549.1.7.2";

    public static readonly TimeSpan ExpiryWarningPeriod = TimeSpan.FromDays(30);

    // A client-certificate PFX holds one key and a short chain. Password iterations keep the loader's default caps.
    private static readonly Pkcs12LoaderLimits Limits = new() { MaxCertificates = 20, MaxKeys = 4 };

    /// <summary>Checks a PFX and its password and returns what the UI may show about its certificate.</summary>
    public Result<PfxInfo> Inspect(byte[]? pfx, string? password, DateTimeOffset now)
    {
        if (pfx is null || pfx.Length == 0)
        {
            return Invalid("pfx_missing", PfxField, "Choose a PFX file.");
        }

        if (pfx.Length > MaxPfxBytes)
        {
            return Invalid("pfx_too_large", PfxField, $"The PFX file is {MiB(pfx.Length)} MiB; at most 1 MiB is accepted.");
        }

        if (!LooksLikePkcs12(pfx))
        {
            return Invalid("pfx_not_pkcs12", PfxField, "The file is not a PFX (PKCS#12) file.");
        }

        X509Certificate2Collection certificates;
        try
        {
            certificates = X509CertificateLoader.LoadPkcs12Collection(pfx, password, KeyStorage, Limits);
        }
        catch (Pkcs12LoadLimitExceededException)
        {
            return Invalid("pfx_too_complex", PfxField, "The PFX file holds more certificates or keys, or demands more password iterations, than a client certificate needs.");
        }
        catch (CryptographicException e)
        {
            // The loader marks a MAC or decryption failure with Windows' ERROR_INVALID_PASSWORD, on every OS.
            return e.HResult == ErrorInvalidPassword
                ? WrongPassword()
                : Invalid("pfx_unreadable", PfxField, "The PFX file cannot be read: it is damaged or uses an unsupported algorithm. Export it again (AES-256 encryption).");
        }

        try
        {
            var certificate = ClientCertificateOf(certificates);
            if (certificate is null)
            {
                return Invalid("pfx_no_private_key", PfxField, "The PFX holds no certificate with its private key. Export the certificate together with its private key.");
            }

            return Describe(certificate, now);
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    /// <summary>
    /// The PFX's certificate with its private key, ready for <c>SslClientAuthenticationOptions.ClientCertificates</c>.
    /// The caller owns and disposes it. Throws when the PFX cannot be loaded (it was checked by <see cref="Inspect"/>
    /// when stored, so that is unexpected); the exception never carries the password.
    /// </summary>
    public X509Certificate2 LoadClientCertificate(byte[] pfx, string password)
    {
        ArgumentNullException.ThrowIfNull(pfx);
        var certificates = X509CertificateLoader.LoadPkcs12Collection(pfx, password, KeyStorage, Limits);
        var chosen = ClientCertificateOf(certificates);
        foreach (var certificate in certificates)
        {
            if (!ReferenceEquals(certificate, chosen))
            {
                certificate.Dispose();
            }
        }

        return chosen ?? throw new InvalidOperationException("The stored PFX holds no certificate with its private key.");
    }

    /// <summary>
    /// The key stays in memory only: no key file under ~/.dotnet/corefx (Linux) or in the user profile (Windows).
    /// OpenSSL on Linux and macOS use ephemeral keys for TLS client authentication; Schannel on Windows cannot
    /// (dotnet/runtime#23749), so Windows keeps the default, persisted key set.
    /// </summary>
    private static X509KeyStorageFlags KeyStorage =>
        OperatingSystem.IsWindows() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;

    /// <summary>
    /// Whether the bytes have the outer shape of PKCS#12 (RFC 7292: <c>PFX ::= SEQUENCE { version 3, authSafe
    /// ContentInfo (data or signedData), macData OPTIONAL }</c>), which needs no password. It tells "not a PFX at
    /// all" from "a PFX the password does not open".
    /// </summary>
    private static bool LooksLikePkcs12(byte[] pfx)
    {
        try
        {
            var pfxSequence = new AsnReader(pfx, AsnEncodingRules.BER).ReadSequence();
            if (!pfxSequence.TryReadInt32(out var version) || version != 3)
            {
                return false;
            }

            var contentType = pfxSequence.ReadSequence().ReadObjectIdentifier();
            return contentType is Pkcs7Data or Pkcs7SignedData;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static X509Certificate2? ClientCertificateOf(X509Certificate2Collection certificates) =>
        certificates.FirstOrDefault(c => c.HasPrivateKey && !IsCertificateAuthority(c))
        ?? certificates.FirstOrDefault(c => c.HasPrivateKey);

    private static bool IsCertificateAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private static Result<PfxInfo> Describe(X509Certificate2 certificate, DateTimeOffset now)
    {
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        if (now < notBefore)
        {
            return Invalid("pfx_not_yet_valid", PfxField, $"The certificate is not valid before {Day(notBefore)}.");
        }

        if (now > notAfter)
        {
            return Invalid("pfx_expired", PfxField, $"The certificate expired on {Day(notAfter)}. Ask Kaspersky for a new certificate.");
        }

        var expiresSoon = notAfter - now <= ExpiryWarningPeriod;
        var daysLeft = (int)Math.Floor((notAfter - now).TotalDays);
        var warning = expiresSoon
            ? $"The certificate expires on {Day(notAfter)} ({DaysText(daysLeft)}). Ask Kaspersky for a new certificate."
            : null;
        return new PfxInfo(
            certificate.Subject,
            certificate.Issuer,
            certificate.Thumbprint,
            certificate.GetCertHashString(HashAlgorithmName.SHA256),
            notBefore,
            notAfter,
            expiresSoon,
            certificate.HasPrivateKey,
            KeyAlgorithmOf(certificate),
            warning);
    }

    private static string KeyAlgorithmOf(X509Certificate2 certificate)
    {
        using (var rsa = certificate.GetRSAPublicKey())
        {
            if (rsa is not null)
            {
                return $"RSA {rsa.KeySize}";
            }
        }

        using (var ecdsa = certificate.GetECDsaPublicKey())
        {
            if (ecdsa is not null)
            {
                return $"ECDSA P-{ecdsa.KeySize}";
            }
        }

        return certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value ?? "unknown";
    }

    private static Error WrongPassword() => Invalid("pfx_password_wrong", PasswordField, "The PFX password is wrong.");

    private static Error Invalid(string code, string field, string message) => new(code, message) { Field = field };

    private static string Day(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string DaysText(int days) => days switch
    {
        0 => "today",
        1 => "in 1 day",
        _ => $"in {days} days",
    };

    // Rounded up, so a file just over the limit never reads as "1.0 MiB".
    private static string MiB(int bytes) =>
        (Math.Ceiling(bytes / 1024d / 1024d * 10) / 10).ToString("0.0", CultureInfo.InvariantCulture);
}
