using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages;

/// <summary>The header's tenant picker posts here; the choice is remembered on the account.</summary>
public sealed class TenantSelectionModel(TenantSelection selection) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(List<Guid> tenantIds, string? returnUrl, CancellationToken ct)
    {
        await selection.SetAsync(tenantIds, ct);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
