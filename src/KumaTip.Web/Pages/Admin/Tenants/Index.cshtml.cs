using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Admin.Tenants;

public sealed class IndexModel(TenantService tenants) : PageModel
{
    public List<Tenant> Tenants { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Tenants = await tenants.ListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var created = await tenants.CreateAsync(new TenantInput(Name, Description), ct);
        if (created.Succeeded)
        {
            return RedirectToPage();
        }

        ModelState.AddError(created.Error!);
        Tenants = await tenants.ListAsync(ct);
        return Page();
    }
}
