using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Admin.Tenants;

/// <summary>A tenant's name, description and how many days of events it keeps (General administrators).</summary>
public sealed class EditModel(TenantService tenants) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public TenantInput Input { get; set; } = new(null, null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await tenants.FindAsync(Id, ct) is not { } tenant)
        {
            return NotFound();
        }

        Input = new TenantInput(tenant.Name, tenant.Description, tenant.RetentionDays);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (RetentionField.IsUnreadable(ModelState))
        {
            return Page();
        }

        var saved = await tenants.UpdateAsync(Id, Input with { RetentionDays = Input.RetentionDays ?? 0 }, ct);
        if (saved.Succeeded)
        {
            return RedirectToPage("Index");
        }

        ModelState.AddError(saved.Error!, nameof(Input));
        return Page();
    }
}
