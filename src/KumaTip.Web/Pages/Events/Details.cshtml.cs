using KumaTip.Application.Events.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Events;

/// <summary>Event information: every field as text, the other fields, and every observable as a menu link.</summary>
public sealed class DetailsModel(EventQueries queries) : PageModel
{
    public EventDetails Details { get; private set; } = null!;

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
