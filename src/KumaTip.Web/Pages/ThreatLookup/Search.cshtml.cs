using KumaTip.Application.ThreatLookup.Lookups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// The look-up box in the header: an observable pasted from a ticket or a chat (defanged forms such as
/// <c>hxxp://evil[.]com</c> too) opens its details panel when the cache holds it and, when not, the window Details
/// («Подробнее»: what the cache and the events know of it, the requests left), whose Enrich opens the enrichment
/// window, as "Show info from Threat Lookup" does beside the events. Input that is no observable stays here, with the
/// parser's message.
/// </summary>
public sealed class SearchModel(ObservableDetailsReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Value { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Value is null || ModelState.BindObservable(Value, null) is not { } observable)
        {
            return Page();
        }

        var cached = (await reader.FindAsync(observable, ct)).Succeeded;
        return RedirectToPage(cached ? LookupLinks.DetailsPage : LookupLinks.SummaryPage, LookupLinks.RouteOf(observable, null));
    }
}
