namespace KumaTip.Application.Secrets;

/// <summary>
/// What the form or the API sends to create or change a <c>kti</c> secret. On a change, an empty
/// <see cref="UserName"/>, <see cref="Password"/>, <see cref="PfxPassword"/> and a missing <see cref="Pfx"/> keep
/// the stored value; a new PFX needs its password.
/// </summary>
/// <param name="ExpectedVersion">The version the editor started from; when set and stale, the change is refused.</param>
public sealed record SecretInput(
    string? Name,
    Guid? TenantId,
    string? Type,
    string? UserName,
    string? Password,
    byte[]? Pfx,
    string? PfxPassword,
    string? Description,
    int? ExpectedVersion = null)
{
    // Records print every property; these hold credentials.
    public override string ToString() => $"SecretInput {{ Name = {Name}, TenantId = {TenantId}, Type = {Type} }}";
}
