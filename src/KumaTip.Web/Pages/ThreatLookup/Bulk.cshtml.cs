using KumaTip.Application.Common;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Lookups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// Bulk lookup: up to 100 observables pasted one per line. Check shows each line's type, whether the cache holds it
/// (free) and the total cost against the requests left; Queue requests the ones the cache lacks. A line that is no
/// observable stops everything until it is corrected or removed, or until the analyst chooses to leave the bad lines
/// out: a list from a report is worth fixing, but a stray heading line should not cost a second round.
/// </summary>
public sealed class BulkModel(BulkLookups bulk, TenantService tenants, TenantSelection selection) : PageModel
{
    [BindProperty]
    public string? Values { get; set; }

    [BindProperty]
    public Guid? TenantId { get; set; }

    /// <summary>The selected tenants, to choose from when there are several.</summary>
    public IReadOnlyList<Tenant> Tenants { get; private set; } = [];

    public BulkPlan? Plan { get; private set; }

    /// <summary>Why Queue queued nothing (or, with <see cref="BulkPlan.Queued"/>, why it stopped).</summary>
    public Error? Refused { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadTenantsAsync(ct);

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        Plan = await bulk.PlanAsync(Lines(), ct);
        await LoadTenantsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostQueueAsync(bool skipInvalid, CancellationToken ct)
    {
        var plan = await bulk.PlanAsync(Lines(), ct);
        var queued = await bulk.QueueAsync(plan, TenantId, skipInvalid, ct);
        Plan = queued.Value ?? plan;
        // Refused before anything was queued, or stopped by the first request refused.
        Refused = queued.Error ?? Plan.Lines.FirstOrDefault(l => l is { Status: BulkLineStatus.NotCached, Error: not null })?.Error;
        await LoadTenantsAsync(ct);
        return Page();
    }

    private string[] Lines() => (Values ?? string.Empty).Split('\n');

    private async Task LoadTenantsAsync(CancellationToken ct) => Tenants = (await TenantChoice.LoadAsync(null, tenants, selection, ct)).Choices;
}
