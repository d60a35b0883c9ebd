using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Admin.Tenants;

public sealed class IndexModel(TenantService tenants) : PageModel
{
    public List<Tenant> Tenants { get; private set; } = [];

    [BindProperty]
    public TenantInput Input { get; set; } = new(null, null);

    public async Task OnGetAsync(CancellationToken ct) => Tenants = await tenants.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (RetentionField.IsUnreadable(ModelState))
        {
            Tenants = await tenants.ListAsync(ct);
            return Page();
        }

        var created = await tenants.CreateAsync(Input, ct);
        if (created.Succeeded)
        {
            return RedirectToPage();
        }

        ModelState.AddError(created.Error!, nameof(Input));
        Tenants = await tenants.ListAsync(ct);
        return Page();
    }
}
