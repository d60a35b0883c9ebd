using KumaTip.Application.ThreatLookup.Governance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Pages.Settings;

/// <summary>
/// Settings → Licence allocation: the General administrator sets the per-user daily budget and a share per tenant
/// (empty: the tenant draws on the pool); Tenant administrators see their tenants' lines, read-only.
/// </summary>
public sealed class LicenceModel(LicenceAllocationService allocations, IStringLocalizer<GovernanceText> text) : PageModel
{
    [BindProperty]
    public LicenceForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public LicenceAllocationView Current { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await allocations.GetViewAsync(ct);
        Input = new LicenceForm
        {
            UserDailyBudget = Current.UserDailyBudget,
            Version = Current.Version,
            Shares = Current.Tenants.Select(t => new LicenceForm.Share { TenantId = t.TenantId, Requests = t.Requests }).ToList(),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A number the browser's number field would never post: nothing is saved, and the form says why.
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["Enter whole numbers, or leave a field empty."]);
            Current = await allocations.GetViewAsync(ct);
            return Page();
        }

        var saved = await allocations.UpdateAsync(
            new LicenceAllocationInput(Input.UserDailyBudget, Input.Shares.Select(s => new TenantShareInput(s.TenantId, s.Requests)).ToList(), Input.Version),
            ct);
        if (saved.Error is { } error)
        {
            ModelState.AddError(error, nameof(Input));
            Current = await allocations.GetViewAsync(ct);
            return Page();
        }

        return RedirectToPage(new { saved = true });
    }

    /// <summary>The form's fields: the budget, and one line per tenant the reader sees.</summary>
    public sealed class LicenceForm
    {
        public int? UserDailyBudget { get; set; }

        public int? Version { get; set; }

        public List<Share> Shares { get; set; } = [];

        public sealed class Share
        {
            public Guid TenantId { get; set; }

            public int? Requests { get; set; }
        }
    }
}
