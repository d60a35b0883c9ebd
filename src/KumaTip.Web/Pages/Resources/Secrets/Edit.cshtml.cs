using KumaTip.Application.Secrets;
using KumaTip.Application.Tenancy;
using KumaTip.Web.Uploads;
using Microsoft.AspNetCore.Mvc;

namespace KumaTip.Web.Pages.Resources.Secrets;

/// <summary>Add or change a kti secret: the PFX is uploaded with the form, within the upload limit.</summary>
[UploadLimit]
public sealed class EditModel(SecretService secrets, TenantService tenants, TenantSelection selection)
    : ResourceEditModel<Secret, SecretInput, SecretSummary>(secrets, tenants, selection)
{
    [BindProperty(SupportsGet = true, Name = UploadLimitAttribute.QueryFlag)]
    public bool UploadTooLarge { get; set; }

    public override Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (UploadTooLarge)
        {
            ModelState.AddError(LimitedForm.TooLarge);
        }

        return base.OnGetAsync(ct);
    }

    protected override SecretInput InputOf(SecretSummary secret) =>
        new() { Name = secret.Name, TenantId = secret.TenantId, Type = secret.Type, Description = secret.Description, Version = secret.Version };

    protected override SecretInput NewInput(Guid tenantId) => new() { TenantId = tenantId };
}
