using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// A Threat Lookup task after Request: its status while it runs (followed by threat-lookup.js, or by a refresh every
/// 2 s without scripts), the details panel once it completes, the reason when it fails. With <see cref="Fragment"/>
/// it is the view the details area beside the event shows after Request (side-panel.js); Request itself answers it
/// there (<see cref="AloneAfterRequest"/>).
/// </summary>
public sealed class ProgressModel(TaskQueries tasks, CurrentUser reader) : PageModel
{
    public TaskItem LookupTask { get; private set; } = null!;

    public CurrentUser Reader => reader;

    public Observable Observable { get; private set; } = null!;

    /// <summary>The progress view without the page around it, for the details area beside the event; it turns into the panel alone.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Fragment { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var task = await tasks.FindAsync(id, ct);
        if (task is null || LookupLinks.ObservableOf(task) is not { } observable)
        {
            return NotFound();
        }

        if (task.State == TaskState.Completed)
        {
            return Fragment ? Redirect(LookupLinks.PanelUrl(observable, task.TenantId)) : RedirectToPage(LookupLinks.DetailsPage, LookupLinks.RouteOf(observable, task.TenantId));
        }

        (LookupTask, Observable) = (task, observable);
        return Page();
    }

    /// <summary>
    /// What Request (or Refresh data) beside the events answers when it queued or joined a task (one still queued or
    /// running): the progress view alone, at once, rather than a redirect to this page, whose second request would run
    /// while the worker starts the lookup. A page without scripts is redirected instead (post, redirect, get: a reload
    /// does not post again).
    /// </summary>
    public static PartialViewResult AloneAfterRequest(PageModel page, TaskItem task, Observable observable, CurrentUser reader) =>
        page.Partial("/Pages/ThreatLookup/_TaskProgress.cshtml", new TaskProgressView(task, observable, reader, Fragment: true));
}

/// <summary>The progress view of a task, on its page or alone in the details area beside the events.</summary>
public sealed record TaskProgressView(TaskItem Task, Observable Observable, CurrentUser Reader, bool Fragment);
