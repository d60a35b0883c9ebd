using System.Globalization;
using KumaTip.Application.Events.Queries;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Lookups;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// KUMA's window "Details" («Подробнее») for an observable the cache does not answer yet: the observable and its type,
/// how many events of the selected tenants hold it, what the cache already has, the requests left, and "Enrich with
/// Kaspersky TIP data", which opens the enrichment window. The events pages show it in a dialog (<see cref="Fragment"/>);
/// it is a page too, for links and browsers without scripts.
/// </summary>
public sealed class SummaryModel(LookupService lookups, ObservableDetailsReader reader, EventQueries events) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Value { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? TenantId { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Fragment { get; set; }

    public LookupCost? Cost { get; private set; }

    /// <summary>What the cache holds about the observable; null when nothing.</summary>
    public ObservableDetails? Cached { get; private set; }

    public EventsHolding Holding { get; private set; } = new(0, false);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (ModelState.BindObservable(Value, Type) is not { } observable)
        {
            return;
        }

        Cost = await lookups.CostAsync(observable, null, ct);
        Cached = (await reader.FindAsync(observable, ct)).Value;
        Holding = await events.CountHoldingAsync(observable, ct);
    }

    /// <summary>A time in the reader's zone and language, as the details panel writes it.</summary>
    public string HoldingText => Holding.AtLeast ? $"{Holding.Count.ToString("N0", CultureInfo.CurrentCulture)}+" : Holding.Count.ToString("N0", CultureInfo.CurrentCulture);

    public Dictionary<string, string?> Route(Observable observable, bool choose = false) => LookupLinks.RouteOf(observable, TenantId, choose);
}
