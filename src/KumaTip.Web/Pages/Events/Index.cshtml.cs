using KumaTip.Application.Events.Queries;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Events;

/// <summary>The events table: filters in the query string, newest first, Older/Newer links carrying the cursor.</summary>
public sealed class IndexModel(EventQueries queries, TenantService tenants) : PageModel
{
    /// <summary>Times in the form are UTC, like the times in the table.</summary>
    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Observable { get; set; }

    /// <summary>Only events having an observable of this Threat Lookup zone.</summary>
    [BindProperty(SupportsGet = true)]
    public TipZone? Zone { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Before { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    public EventPage? Results { get; private set; }

    public IReadOnlyDictionary<Guid, string> TenantNames { get; private set; } = new Dictionary<Guid, string>();

    public bool Filtered => From is not null || To is not null || !string.IsNullOrWhiteSpace(Text) || !string.IsNullOrWhiteSpace(Observable) || Zone is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        TenantNames = (await tenants.ListAsync(ct)).ToDictionary(t => t.Id, t => t.Name);
        if (!ModelState.IsValid)
        {
            return;
        }

        var filter = new EventFilter(LocalTime.FromReaderClock(HttpContext, From), LocalTime.FromReaderClock(HttpContext, To), Text, Observable) { Zone = Zone };
        var result = await queries.ListAsync(filter, new EventPageRequest(Before, After), ct);
        if (result.Error is { } error)
        {
            ModelState.AddError(error);
        }
        else
        {
            Results = result.Value;
        }
    }

    /// <summary>The current filters plus one cursor, for the Older and Newer links.</summary>
    public Dictionary<string, string?> RouteWith(string? before = null, string? after = null) => new()
    {
        ["from"] = From?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["text"] = Text,
        ["observable"] = Observable,
        ["zone"] = Zone?.ToString(),
        ["before"] = before,
        ["after"] = after,
    };

}
