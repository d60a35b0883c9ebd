using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Web.Pages.ThreatLookup;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Tasks;

/// <summary>
/// Show result: what a completed Threat Lookup task fetched and when, whether the cache has newer data since, a link
/// to the events holding the observable, and its details panel as cached now (404 for another tenant's task).
/// </summary>
public sealed class ResultModel(LookupTaskResults results, PanelHtml panels) : PageModel
{
    public LookupTaskResult? Result { get; private set; }

    public RenderedPanel? Panel { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var found = await results.FindAsync(id, ct);
        switch (found.Error)
        {
            case { Code: LookupTaskResults.NoResultCode }:
                // Still running, failed or cancelled: its progress page says which (and answers 404 if it is no lookup).
                return RedirectToPage(LookupLinks.ProgressPage, new { id });
            case { Kind: Application.Common.ErrorKind.NotFound, Code: "not_found" }:
                return NotFound();
            case { } error:
                ModelState.AddError(error);
                return Page();
        }

        Result = found.Value!;
        Panel = await panels.GetAsync(HttpContext, Result.Details, new TenantChoice(Result.Task.TenantId, []));
        return Page();
    }
}
