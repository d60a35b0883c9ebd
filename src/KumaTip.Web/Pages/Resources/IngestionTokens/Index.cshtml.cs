using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Resources.IngestionTokens;

/// <summary>Administrators create and revoke the per-tenant tokens collectors use for POST /api/v1/events.</summary>
public sealed class IndexModel(IngestionTokenService tokens, TenantService tenants, TenantSelection selection) : PageModel
{
    public List<IngestionTokenSummary> Tokens { get; private set; } = [];

    public List<Tenant> Tenants { get; private set; } = [];

    [BindProperty]
    public Guid? TenantId { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The token just created: rendered in this one response, never stored in plain text.</summary>
    public CreatedIngestionToken? Created { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Tenants = await tenants.ListAsync(ct);
        Tokens = await tokens.ListAsync(await selection.GetAsync(ct), ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var created = await tokens.CreateAsync(TenantId ?? Guid.Empty, Name, ct);
        if (created.Succeeded)
        {
            Created = created.Value;
            Name = null;
        }
        else
        {
            ModelState.AddError(created.Error!);
        }

        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken ct)
    {
        await tokens.RevokeAsync(tokenId, ct);
        return RedirectToPage();
    }
}
