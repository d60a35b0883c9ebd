using KumaTip.Application.Tenancy;

namespace KumaTip.Application.Secrets;

/// <summary>
/// A <c>kti</c> secret: the Threat Lookup account (user, password, client certificate PFX and its password) of one
/// tenant. Every credential is sealed (<see cref="SecretFields"/>); only what is safe to show about the certificate
/// is kept in clear, so the list can show it without opening anything.
/// </summary>
public sealed class Secret : ITenantOwned
{
    public const int MaxNameLength = 128;

    public const int MaxDescriptionLength = 4000;

    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public string Type { get; set; } = SecretTypes.Kti;

    public string? Description { get; set; }

    /// <summary>This secret's data key, wrapped by the master key named in <see cref="MasterKeyId"/>.</summary>
    public required byte[] WrappedDataKey { get; set; }

    /// <summary>Kept beside the wrapped key so the start-up check and rotation find the keys in use with one SELECT DISTINCT.</summary>
    public required string MasterKeyId { get; set; }

    public required byte[] SealedUserName { get; set; }

    public required byte[] SealedPassword { get; set; }

    public required byte[] SealedPfx { get; set; }

    public required byte[] SealedPfxPassword { get; set; }

    public required string CertificateSubject { get; set; }

    public required string CertificateIssuer { get; set; }

    /// <summary>SHA-1 thumbprint, upper-case hex, as Windows and Kaspersky show it.</summary>
    public required string CertificateThumbprint { get; set; }

    public DateTimeOffset CertificateNotBefore { get; set; }

    public DateTimeOffset CertificateNotAfter { get; set; }

    /// <summary>Incremented on every change, so the TIP client knows when to rebuild its connection.</summary>
    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
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
