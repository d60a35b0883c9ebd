using KumaTip.Application.Observables;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Events.Queries;

/// <summary>How many events hold an observable; <see cref="AtLeast"/> when counting stopped at <see cref="EventQueries.MaxCountedHolding"/>.</summary>
public sealed record EventsHolding(int Count, bool AtLeast);

public sealed partial class EventQueries
{
    /// <summary>
    /// Counting stops here: the window «Подробнее» says "10,000+" rather than scanning an observable's every row (a
    /// resolver's address can be in millions of events, and the count is read on a click).
    /// </summary>
    public const int MaxCountedHolding = 10_000;

    /// <summary>The events of the header's tenant selection that hold <paramref name="observable"/>: a range of the observable rows' primary key per tenant.</summary>
    public async Task<EventsHolding> CountHoldingAsync(Observable observable, CancellationToken ct)
    {
        var total = 0;
        foreach (var tenantId in await selection.GetAsync(ct))
        {
            total += await db.Set<EventObservable>().AsNoTracking()
                .Where(o => o.TenantId == tenantId && o.ObservableKey == observable.Key)
                // In the primary key's order (no sort): a Take without an order is logged as a warning on every click.
                .OrderBy(o => o.Timestamp).ThenBy(o => o.EventId)
                .Take(MaxCountedHolding + 1 - total)
                .CountAsync(ct);
            if (total > MaxCountedHolding)
            {
                return new EventsHolding(MaxCountedHolding, AtLeast: true);
            }
        }

        return new EventsHolding(total, AtLeast: false);
    }
}
