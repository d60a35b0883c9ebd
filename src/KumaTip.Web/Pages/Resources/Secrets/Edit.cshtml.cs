using KumaTip.Application.Secrets;
using KumaTip.Application.Tenancy;
using KumaTip.Web.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Resources.Secrets;

/// <summary>
/// Add or change a kti secret. The credentials are never put back into the page: the edit form shows them
/// masked and empty, and an empty field keeps the stored value.
/// </summary>
[UploadLimit]
public sealed class EditModel(SecretService secrets, TenantService tenants, TenantSelection selection) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public Guid? TenantId { get; set; }

    [BindProperty]
    public string Type { get; set; } = SecretTypes.Kti;

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public IFormFile? Pfx { get; set; }

    [BindProperty]
    public string? PfxPassword { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    /// <summary>The version the form was opened at; a save over someone else's change is refused.</summary>
    [BindProperty]
    public int? Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    [BindProperty(SupportsGet = true, Name = UploadLimitAttribute.QueryFlag)]
    public bool UploadTooLarge { get; set; }

    /// <summary>The stored secret when editing (certificate details, what is set).</summary>
    public SecretSummary? Existing { get; private set; }

    public IReadOnlyList<Tenant> Tenants { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (UploadTooLarge)
        {
            ModelState.AddError(LimitedForm.TooLarge);
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Existing is { } secret)
        {
            (Name, TenantId, Type, Description, Version) = (secret.Name, secret.TenantId, secret.Type, secret.Description, secret.Version);
        }
        else
        {
            TenantId ??= (await selection.GetAsync(ct)).FirstOrDefault();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var input = new SecretInput(Name, TenantId, Type, UserName, Password, await Pfx.ReadFileAsync(ct), PfxPassword, Description, Version);
            var saved = Id is { } id ? await secrets.UpdateAsync(id, input, ct) : await secrets.CreateAsync(input, ct);
            if (saved.Succeeded)
            {
                return RedirectToPage("Edit", new { id = saved.Value!.Id, saved = true });
            }

            ModelState.AddError(saved.Error!);
        }

        return await RedisplayAsync(ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        var name = (await secrets.FindAsync(Id ?? Guid.Empty, ct))?.Name;
        var deleted = await secrets.DeleteAsync(Id ?? Guid.Empty, ct);
        if (deleted.Succeeded)
        {
            return RedirectToPage("Index", new { deleted = name });
        }

        ModelState.AddError(deleted.Error!);
        return await RedisplayAsync(ct);
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        // Typed credentials are not sent back to the browser, not even after a refusal.
        (UserName, Password, PfxPassword) = (null, null, null);
        return Page();
    }

    /// <summary>False when editing a secret the user may not see (or that is gone).</summary>
    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Tenants = await tenants.ListAsync(ct);
        if (Id is not { } id)
        {
            return true;
        }

        Existing = await secrets.FindAsync(id, ct);
        return Existing is not null;
    }
}
