using KumaTip.Application.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Profile;

public sealed class IndexModel(TokenService tokens, CurrentUser current) : PageModel
{
    public string UserName => current.UserName;

    public List<TokenSummary> Tokens { get; private set; } = [];

    [BindProperty]
    public string? TokenName { get; set; }

    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(current.Id!.Value, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var created = await tokens.CreateAsync(current.Id!.Value, TokenName, ct);
        if (created.Succeeded)
        {
            // Rendered once in this response and never stored in plain text.
            NewToken = created.Value!.Token;
            TokenName = null;
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
        await tokens.RevokeAsync(current.Id!.Value, tokenId, ct);
        return RedirectToPage();
    }
}
