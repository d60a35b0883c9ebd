using KumaTip.Application.Proxies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Resources.Proxies;

public sealed class IndexModel(ProxyService proxies) : PageModel
{
    public IReadOnlyList<ProxySummary> Proxies { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Deleted { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Proxies = await proxies.ListAsync(ct);
}
