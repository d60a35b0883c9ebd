using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Web.Pages.ThreatLookup;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Tasks;

/// <summary>Show result: the details panel of the observable a completed Threat Lookup task looked up (404 for another tenant's task).</summary>
public sealed class ResultModel(TaskQueries tasks, ObservableDetailsReader reader, PanelHtml panels) : PageModel
{
    public RenderedPanel? Panel { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var task = await tasks.FindAsync(id, ct);
        if (task is null || LookupLinks.ObservableOf(task) is not { } observable)
        {
            return NotFound();
        }

        if (task.State != TaskState.Completed)
        {
            return RedirectToPage(LookupLinks.ProgressPage, new { id });
        }

        var details = await reader.FindAsync(observable, ct);
        if (details.Error is { } error)
        {
            ModelState.AddError(error);
            return Page();
        }

        Panel = await panels.GetAsync(HttpContext, details.Value!, new TenantChoice(task.TenantId, []));
        return Page();
    }
}
