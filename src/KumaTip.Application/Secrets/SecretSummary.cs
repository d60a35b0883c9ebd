using System.Globalization;
using KumaTip.Application.Resources;
using KumaTip.Application.Secrets.Certificates;

namespace KumaTip.Application.Secrets;

/// <summary>What the UI and the API show about a secret: never a credential, only whether it is set.</summary>
public sealed record SecretSummary(
    Guid Id,
    string Name,
    Guid TenantId,
    string TenantName,
    string Type,
    string? Description,
    bool UserNameSet,
    bool PasswordSet,
    bool PfxSet,
    bool PfxPasswordSet,
    CertificateSummary Certificate,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IResourceSummary
{
    internal static SecretSummary Of(Secret secret, string tenantName, DateTimeOffset now) => new(
        secret.Id,
        secret.Name,
        secret.TenantId,
        tenantName,
        secret.Type,
        secret.Description,
        secret.SealedUserName.Length > 0,
        secret.SealedPassword.Length > 0,
        secret.SealedPfx.Length > 0,
        secret.SealedPfxPassword.Length > 0,
        CertificateSummary.Of(secret, now),
        secret.Version,
        secret.CreatedAt,
        secret.UpdatedAt);
}

/// <summary>The client certificate as the list and the edit page show it, judged at the moment of asking.</summary>
/// <param name="DaysLeft">Whole days until expiry; negative once expired.</param>
/// <param name="Warning">Why the certificate needs attention (expired or expiring within 30 days); null when it does not.</param>
public sealed record CertificateSummary(
    string Subject,
    string Issuer,
    string Thumbprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    bool Expired,
    bool ExpiresSoon,
    int DaysLeft,
    string? Warning)
{
    internal static CertificateSummary Of(Secret secret, DateTimeOffset now)
    {
        var notAfter = secret.CertificateNotAfter;
        var expired = now > notAfter;
        var expiresSoon = !expired && notAfter - now <= PfxInspector.ExpiryWarningPeriod;
        var daysLeft = (int)Math.Floor((notAfter - now).TotalDays);
        var day = notAfter.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var warning = expired
            ? $"The certificate expired on {day}. Upload a new PFX from Kaspersky."
            : expiresSoon ? $"The certificate expires on {day} (in {daysLeft} days). Ask Kaspersky for a new certificate." : null;
        return new CertificateSummary(
            secret.CertificateSubject, secret.CertificateIssuer, secret.CertificateThumbprint, secret.CertificateNotBefore, notAfter, expired, expiresSoon, daysLeft, warning);
    }
}
