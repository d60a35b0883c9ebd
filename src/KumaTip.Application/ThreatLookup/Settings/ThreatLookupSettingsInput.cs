namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>
/// A save of Settings → Kaspersky Threat Lookup, as the page and the API send it. It replaces the settings: an empty
/// URL or a missing number means its default. The only exception is the additional CA: <see cref="ExtraCaPem"/> (PEM)
/// null keeps the stored one, <see cref="RemoveExtraCa"/> removes it.
/// </summary>
/// <param name="LicencePeriodEnd">The licence period's last day; null when unknown.</param>
/// <param name="Version">The version the editor started from; when set and stale, the save is refused.</param>
/// <param name="SecretPassword">
/// The password stored in the chosen secret, entered again: needed when a save sends the secret's credentials to a
/// TIP API address other than Kaspersky's that they were not confirmed for (a new address, or a new secret for it).
/// Without it such a save leaves no secret chosen. Never stored.
/// </param>
public sealed record ThreatLookupSettingsInput(
    bool Disabled = false,
    Guid? SecretId = null,
    Guid? ProxyId = null,
    string? BaseUrl = null,
    string? PortalUrl = null,
    string? ExtraCaPem = null,
    bool RemoveExtraCa = false,
    int? LicenceQuota = null,
    DateOnly? LicencePeriodEnd = null,
    int? CacheFreshnessDays = null,
    int? NotFoundFreshnessHours = null,
    int? MaxParallelRequests = null,
    int? RequestTimeoutSeconds = null,
    int? Version = null,
    string? SecretPassword = null)
{
    public override string ToString() => $"ThreatLookupSettingsInput {{ SecretId = {SecretId}, ProxyId = {ProxyId}, BaseUrl = {BaseUrl}, Version = {Version} }}";
}

/// <summary>The settings as the page and the API show them, with the names of the chosen secret and proxy server.</summary>
/// <param name="SecretName">Null when nothing is chosen, or when the secret belongs to a tenant the reader may not see.</param>
/// <param name="CanChange">Whether the reader may save (General administrators only).</param>
public sealed record ThreatLookupSettingsView(
    bool Disabled,
    Guid? SecretId,
    string? SecretName,
    string? SecretTenantName,
    Guid? ProxyId,
    string? ProxyName,
    string BaseUrl,
    string PortalUrl,
    IReadOnlyList<TrustedCertificate> ExtraCaCertificates,
    int LicenceQuota,
    DateOnly? LicencePeriodEnd,
    int CacheFreshnessDays,
    int NotFoundFreshnessHours,
    int MaxParallelRequests,
    int RequestTimeoutSeconds,
    int Version,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy,
    bool CanChange)
{
    /// <summary>What saves these settings unchanged: the form starts from it.</summary>
    public ThreatLookupSettingsInput ToInput() => new(
        Disabled, SecretId, ProxyId, BaseUrl, PortalUrl, ExtraCaPem: null, RemoveExtraCa: false, LicenceQuota, LicencePeriodEnd,
        CacheFreshnessDays, NotFoundFreshnessHours, MaxParallelRequests, RequestTimeoutSeconds, Version);
}

/// <summary>The allowed range of each number, shared by the service, the page and the API description.</summary>
public static class ThreatLookupSettingsLimits
{
    public const int MaxLicenceQuota = 1_000_000;

    public const int MaxCacheFreshnessDays = 365;

    public const int MaxNotFoundFreshnessHours = 24 * 365;

    public const int MaxParallelRequests = 32;

    public const int MinRequestTimeoutSeconds = 5;

    public const int MaxRequestTimeoutSeconds = 600;
}
