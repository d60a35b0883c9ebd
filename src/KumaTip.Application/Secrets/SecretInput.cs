using KumaTip.Application.Resources;
using Microsoft.AspNetCore.Http;

namespace KumaTip.Application.Secrets;

/// <summary>
/// What the form and the API send to create or change a <c>kti</c> secret (both bind this record, the PFX file
/// included). On a change, an empty <see cref="UserName"/>, <see cref="Password"/>, <see cref="PfxPassword"/> and no
/// <see cref="Pfx"/> keep the stored value; a new PFX needs its password.
/// </summary>
public sealed record SecretInput(
    string? Name = null,
    Guid? TenantId = null,
    string? Type = SecretTypes.Kti,
    string? UserName = null,
    string? Password = null,
    IFormFile? Pfx = null,
    string? PfxPassword = null,
    string? Description = null,
    int? Version = null) : IResourceInput
{
    // Records print every property; these hold credentials.
    public override string ToString() => $"SecretInput {{ Name = {Name}, TenantId = {TenantId}, Type = {Type} }}";
}
