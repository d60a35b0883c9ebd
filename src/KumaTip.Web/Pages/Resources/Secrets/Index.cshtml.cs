using KumaTip.Application.Secrets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Resources.Secrets;

public sealed class IndexModel(SecretService secrets) : PageModel
{
    public IReadOnlyList<SecretSummary> Secrets { get; private set; } = [];

    /// <summary>Set after a delete, to say so.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Deleted { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Secrets = await secrets.ListAsync(ct);
}
