using KumaTip.Application.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Profile;

public sealed class IndexModel(TokenService tokens, CurrentUser current, TimeProvider time) : PageModel
{
    public string UserName => current.UserName;

    public List<TokenSummary> Tokens { get; private set; } = [];

    public DateTimeOffset Now => time.GetUtcNow();

    [BindProperty]
    public string? TokenName { get; set; }

    [BindProperty]
    public int ExpiresInDays { get; set; } = PersonalAccessToken.DefaultLifetimeDays;

    public string? NewToken { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await tokens.ListAsync(current.Id!.Value, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        // A value that is no whole number is refused as one out of range is, in the same words.
        var days = ModelState.IsValid ? ExpiresInDays : 0;
        ModelState.Clear();
        var created = await tokens.CreateAsync((current.Id!.Value, current.UserName), TokenName, days, ct);
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
