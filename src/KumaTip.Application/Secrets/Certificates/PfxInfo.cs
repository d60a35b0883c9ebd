namespace KumaTip.Application.Secrets.Certificates;

/// <summary>What is safe to show about a PFX's client certificate: never the key, never the password.</summary>
/// <param name="Thumbprint">SHA-1 of the certificate, upper-case hex, as Windows shows it.</param>
/// <param name="Sha256Thumbprint">SHA-256 of the certificate, upper-case hex.</param>
/// <param name="KeyAlgorithm">E.g. <c>RSA 2048</c> or <c>ECDSA P-256</c>.</param>
/// <param name="Warning">Set when the certificate is accepted but needs attention soon (it expires within 30 days).</param>
public sealed record PfxInfo(
    string Subject,
    string Issuer,
    string Thumbprint,
    string Sha256Thumbprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    bool ExpiresSoon,
    bool HasPrivateKey,
    string KeyAlgorithm,
    string? Warning);
