using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Lookups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// The look-up box in the header: an observable pasted from a ticket or a chat (defanged forms such as
/// <c>hxxp://evil[.]com</c> too) opens its details panel when the cache holds it, its enrichment window when not.
/// Input that is no observable stays here, with what is wrong with it in the reader's language.
/// </summary>
public sealed class SearchModel(ObservableDetailsReader reader, IStringLocalizer<ThreatLookupText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Value { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Value is null)
        {
            return Page();
        }

        var parsed = ObservableParser.Parse(Value);
        if (parsed.Value is not { } observable)
        {
            ModelState.AddModelError(string.Empty, text.Describe(parsed.Error!, Value.Trim()));
            return Page();
        }

        var cached = (await reader.FindAsync(observable, ct)).Succeeded;
        return RedirectToPage(cached ? LookupLinks.DetailsPage : LookupLinks.WindowPage, LookupLinks.RouteOf(observable, null));
    }
}
