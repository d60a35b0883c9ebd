using KumaTip.Application.Resources;

namespace KumaTip.Application.Proxies;

/// <summary>
/// What the form and the API send to create or change a proxy server. On a change, an empty
/// <see cref="UserName"/> or <see cref="Password"/> keeps the stored value; <see cref="ClearCredentials"/> removes both, and so
/// does a new scheme, host or port in <see cref="Url"/>, unless they are entered again in the same save.
/// </summary>
/// <param name="Bypass">Entries, each possibly holding several separated by new lines, commas or spaces (see <see cref="BypassList"/>).</param>
public sealed record ProxyInput(
    string? Name = null,
    Guid? TenantId = null,
    string? Url = null,
    string? UserName = null,
    string? Password = null,
    IReadOnlyList<string>? Bypass = null,
    string? Description = null,
    bool ClearCredentials = false,
    int? Version = null) : IResourceInput
{
    public override string ToString() => $"ProxyInput {{ Name = {Name}, TenantId = {TenantId}, Url = {Url} }}";
}

/// <summary>What the UI and the API show about a proxy server; credentials only as "set".</summary>
public sealed record ProxySummary(
    Guid Id,
    string Name,
    Guid TenantId,
    string TenantName,
    string Url,
    bool UserNameSet,
    bool PasswordSet,
    IReadOnlyList<string> Bypass,
    string? Description,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IResourceSummary
{
    internal static ProxySummary Of(ProxyServer proxy, string tenantName) => new(
        proxy.Id,
        proxy.Name,
        proxy.TenantId,
        tenantName,
        proxy.Url,
        proxy.SealedUserName is { Length: > 0 },
        proxy.SealedPassword is { Length: > 0 },
        proxy.BypassEntries,
        proxy.Description,
        proxy.Version,
        proxy.CreatedAt,
        proxy.UpdatedAt);
}
