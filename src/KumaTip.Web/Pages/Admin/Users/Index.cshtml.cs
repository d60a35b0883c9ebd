using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Admin.Users;

public sealed class IndexModel(UserService users, TenantService tenants) : PageModel
{
    public List<UserSummary> Users { get; private set; } = [];

    public Dictionary<Guid, string> TenantNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Users = await users.ListAsync(ct);
        TenantNames = (await tenants.ListAsync(ct)).ToDictionary(t => t.Id, t => t.Name);
    }
}
