using KumaTip.Application.ThreatLookup.Governance;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// Threat Lookup → Usage: the licence, the pool and each of the reader's tenants in this licence period, then what each
/// user spent per tenant and UTC day, and what was left of his daily budget. The same figures as <c>/api/v1/lookups/usage</c>.
/// </summary>
public sealed class UsageModel(LicenceUsageQueries queries, IStringLocalizer<GovernanceText> text) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public LicenceUsage? Usage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A date the browser would never send: said beside the filter, and the default days are shown.
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, text["Enter dates as yyyy-mm-dd."]);
            (From, To) = (null, null);
        }

        var usage = await queries.GetAsync(new LicenceUsageFilter(From, To), ct);
        if (usage.Error is { } error)
        {
            ModelState.AddError(error);
            usage = await queries.GetAsync(new LicenceUsageFilter(), ct);
        }

        Usage = usage.Value;
    }
}
