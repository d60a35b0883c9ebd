using KumaTip.Application.Events.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Events;

/// <summary>
/// Event information: every field as text, the other fields, and every observable as a menu link. A page of its own
/// for deep links and browsers without scripts; with <see cref="Fragment"/> the same markup without the page around
/// it, which the events table opens in the details area on its right (side-panel.js).
/// </summary>
public sealed class DetailsModel(EventQueries queries) : PageModel
{
    public EventDetails Details { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Fragment { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        if (result.Value is null)
        {
            return NotFound();
        }

        Details = result.Value;
        return Page();
    }
}
