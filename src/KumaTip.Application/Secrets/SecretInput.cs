using KumaTip.Application.Resources;
using Microsoft.AspNetCore.Http;

namespace KumaTip.Application.Secrets;

/// <summary>
/// What the form and the API send to create or change a <c>kti</c> secret: both bind this record, the PFX file
/// included (properties, not constructor parameters, because the API's form binding demands every constructor
/// parameter). On a change, an empty <see cref="UserName"/>, <see cref="Password"/>, <see cref="PfxPassword"/> and no
/// <see cref="Pfx"/> keep the stored value; a new PFX needs its password.
/// </summary>
public sealed record SecretInput : IResourceInput
{
    public string? Name { get; init; }

    public Guid? TenantId { get; init; }

    /// <summary>Only <c>kti</c>; empty means <c>kti</c>.</summary>
    public string? Type { get; init; } = SecretTypes.Kti;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public IFormFile? Pfx { get; init; }

    public string? PfxPassword { get; init; }

    public string? Description { get; init; }

    public int? Version { get; init; }

    // Records print every property; these hold credentials.
    public override string ToString() => $"SecretInput {{ Name = {Name}, TenantId = {TenantId}, Type = {Type} }}";
}
