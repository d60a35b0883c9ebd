using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// The details panel of an observable from the cache; Refresh data queues a task that asks TIP again. Refresh data in
/// the details area beside the events posts with <see cref="Fragment"/>: what follows is the progress view or the
/// panel alone, or this panel with what went wrong, without the page around it.
/// </summary>
public sealed class DetailsModel(
    LookupService lookups, ObservableDetailsReader reader, TenantService tenants, TenantSelection selection, PanelHtml panels, CurrentUser user) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Value { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? TenantId { get; set; }

    [BindProperty]
    public List<string> Sections { get; set; } = [];

    [BindProperty(SupportsGet = true)]
    public bool Fragment { get; set; }

    public RenderedPanel? Panel { get; private set; }

    public string? TitleKey { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ModelState.BindObservable(Value, Type) is not { } observable)
        {
            return Page();
        }

        var details = await reader.FindAsync(observable, ct);
        if (details.Error is { Kind: ErrorKind.NotFound })
        {
            // Nothing cached yet: the enrichment window offers the request.
            return RedirectToPage(LookupLinks.WindowPage, new { value = Value, type = Type, tenantId = TenantId });
        }

        await ShowAsync(details, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        if (ModelState.BindObservable(Value, Type) is not { } observable)
        {
            return Page();
        }

        var result = await lookups.RequestAsync(new LookupRequest(observable, Sections, TenantId, Refresh: true), ct);
        switch (result.Value)
        {
            case LookupResult.Queued queued:
                return Fragment ? ProgressModel.AloneAfterRequest(this, queued.Task, observable, user)
                    : RedirectToPage(LookupLinks.ProgressPage, new { id = queued.Task.Id });
            case LookupResult.Cached:
                return Fragment ? Redirect(LookupLinks.PanelUrl(observable, TenantId))
                    : RedirectToPage(LookupLinks.DetailsPage, new { value = Value, type = Type, tenantId = TenantId });
        }

        ModelState.AddError(result.Error!);
        await ShowAsync(await reader.FindAsync(observable, ct), ct);
        return Page();
    }

    private async Task ShowAsync(Result<ObservableDetails> details, CancellationToken ct)
    {
        if (details.Error is { } error)
        {
            ModelState.AddError(error);
            return;
        }

        TitleKey = TipDataGroups.PanelTitleKey(details.Value!.Observable.Category);
        Panel = await panels.GetAsync(HttpContext, details.Value, await TenantChoice.LoadAsync(TenantId, tenants, selection, ct));
    }
}
