using KumaTip.Application.Resources;

namespace KumaTip.Application.Secrets;

/// <summary>
/// A <c>kti</c> secret: the Threat Lookup account (user, password, client certificate PFX and its password) of one
/// tenant. Every credential is sealed (<see cref="SecretFields"/>); only what is safe to show about the certificate
/// is kept in clear, so the list can show it without opening anything.
/// </summary>
public sealed class Secret : SealedResource
{
    public string Type { get; set; } = string.Empty;

    public byte[] SealedUserName { get; set; } = [];

    public byte[] SealedPassword { get; set; } = [];

    public byte[] SealedPfx { get; set; } = [];

    public byte[] SealedPfxPassword { get; set; } = [];

    public string CertificateSubject { get; set; } = string.Empty;

    public string CertificateIssuer { get; set; } = string.Empty;

    /// <summary>SHA-1 thumbprint, upper-case hex, as Windows and Kaspersky show it.</summary>
    public string CertificateThumbprint { get; set; } = string.Empty;

    public DateTimeOffset CertificateNotBefore { get; set; }

    public DateTimeOffset CertificateNotAfter { get; set; }
}

public static class SecretTypes
{
    /// <summary>Kaspersky Threat Intelligence: user, password, PFX and PFX password.</summary>
    public const string Kti = "kti";

    public static readonly IReadOnlyList<string> All = [Kti];
}

/// <summary>Names bound into each sealed value of a secret (a blob opens only under its own secret and field).</summary>
public static class SecretFields
{
    public const string ObjectType = "secret";

    public const string UserName = "UserName";

    public const string Password = "Password";

    public const string Pfx = "Pfx";

    public const string PfxPassword = "PfxPassword";
}
