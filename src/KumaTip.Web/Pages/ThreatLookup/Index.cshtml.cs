using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// "Show info from Threat Lookup": the details panel when the cache answers, otherwise the Threat Lookup enrichment
/// window (data groups, what the request costs, Request). Beside the events (<see cref="Fragment"/>) it answers the
/// panel alone or leads to the window Details, and the window itself comes alone for their dialog.
/// </summary>
public sealed class IndexModel(LookupService lookups, PanelAlone panels, TenantService tenants, TenantSelection selection, CurrentUser reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Value { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? TenantId { get; set; }

    /// <summary>Show the window even when the cache answers (to ask for other data groups).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Choose { get; set; }

    [BindProperty]
    public List<string> Sections { get; set; } = [];

    /// <summary>
    /// The window without the page around it, for the dialog of the events pages; what follows Request is then the
    /// progress view or the panel alone, which the details area beside the event shows.
    /// </summary>
    [BindProperty(SupportsGet = true)]
    public bool Fragment { get; set; }

    public LookupCost? Cost { get; private set; }

    public TenantChoice Tenant { get; private set; } = new(null, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ModelState.BindObservable(Value, Type) is not { } observable)
        {
            return Page();
        }

        if (Fragment && !Choose)
        {
            // Show info beside the events: the panel alone at once when the cache holds anything about it (one request,
            // the one the analyst waits for), the window Details («Подробнее») when it holds nothing.
            // A tenant that is not the user's is answered as the panel endpoint answers it: there is nothing.
            var panel = await panels.RenderAsync(HttpContext, observable, TenantId, ct);
            return panel.Error switch
            {
                null => File(panel.Value!.WithoutToken, PanelEndpoint.ContentType),
                { Code: ObservableDetailsReader.NotInCache } => Redirect(LookupLinks.SummaryUrl(observable, TenantId)),
                _ => NotFound(),
            };
        }

        await LoadAsync(observable, ct);
        if (!Choose && Cost!.Missing.Count == 0 && !Cost.Observable.IsPrivateOrReserved)
        {
            return Fragment ? Redirect(LookupLinks.PanelUrl(Cost.Observable, TenantId))
                : RedirectToPage(LookupLinks.DetailsPage, LookupLinks.RouteOf(Cost.Observable, TenantId));
        }

        Sections = Cost!.Groups.Where(g => g.IsSelectedByDefault).Select(g => g.Key).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.BindObservable(Value, Type) is not { } observable)
        {
            return Page();
        }

        var result = await lookups.RequestAsync(new LookupRequest(observable, Sections, TenantId), ct);
        switch (result.Value)
        {
            case LookupResult.Cached:
                return Fragment ? Redirect(LookupLinks.PanelUrl(observable, TenantId))
                    : RedirectToPage(LookupLinks.DetailsPage, LookupLinks.RouteOf(observable, TenantId));
            case LookupResult.Queued queued:
                return Fragment ? ProgressModel.AloneAfterRequest(this, queued.Task, observable, reader)
                    : RedirectToPage(LookupLinks.ProgressPage, new { id = queued.Task.Id });
        }

        ModelState.AddError(result.Error!);
        await LoadAsync(observable, ct);
        return Page();
    }

    /// <summary>The cost line: free from the cache, or one of the requests left in the licence period.</summary>
    public string CostText(Microsoft.Extensions.Localization.IStringLocalizer text)
    {
        var quota = Cost!.Quota;
        if (Cost.Missing.Count == 0)
        {
            return text["Answered from the cache, free"];
        }

        if (quota.Remaining == 0 || quota.PeriodEnded)
        {
            return text["No Threat Lookup requests are left in this licence period."];
        }

        return quota.PeriodEnd is { } end
            ? text["Uses 1 of the {0} requests left until {1}", quota.Remaining, end.ToString("d", System.Globalization.CultureInfo.CurrentCulture)]
            : text["Uses 1 of the {0} requests left", quota.Remaining];
    }

    private async Task LoadAsync(Observable observable, CancellationToken ct)
    {
        Tenant = await TenantChoice.LoadAsync(TenantId, tenants, selection, ct);
        Cost = await lookups.CostAsync(observable, Sections, ct);
    }
}
