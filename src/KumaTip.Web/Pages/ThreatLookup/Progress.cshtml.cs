using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.Tasks;
using KumaTip.Web.Localization;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// A Threat Lookup task after Request: its status while it runs (followed by threat-lookup.js, or by a refresh every
/// 2 s without scripts), the details panel once it completes, the reason when it fails. With <see cref="Fragment"/>
/// it is the view the details area beside the event shows after Request (side-panel.js); Request itself answers it
/// there (<see cref="AloneAfterRequest"/>), and the area then asks it again with <see cref="WaitSeconds"/>: the answer
/// comes once the task finished, as the panel alone when it completed. That request is made while the worker runs, so
/// the panel leaves the server as soon as the task's outcome is recorded, without a push to hear and a fetch to make.
/// </summary>
public sealed class ProgressModel(TaskQueries tasks, CurrentUser reader, PanelAlone panels, ServiceErrorTranslator errors) : PageModel
{
    public TaskItem LookupTask { get; private set; } = null!;

    public CurrentUser Reader => reader;

    public Observable Observable { get; private set; } = null!;

    /// <summary>The progress view without the page around it, for the details area beside the event; it turns into the panel alone.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Fragment { get; set; }

    /// <summary>With <see cref="Fragment"/>: answer once the task has finished, or after this many seconds (at most <see cref="TaskQueries.MaxWaitSeconds"/>).</summary>
    [BindProperty(SupportsGet = true)]
    public int? WaitSeconds { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!ModelState.IsValid || !TaskQueries.IsValidWait(WaitSeconds))
        {
            return new ContentResult { Content = errors.Translate(TaskQueries.InvalidWait.Message), ContentType = "text/plain; charset=utf-8", StatusCode = 400 };
        }

        var task = Fragment && WaitSeconds is > 0 and var wait
            ? await tasks.WaitAsync(id, TimeSpan.FromSeconds(wait), ct)
            : await tasks.FindAsync(id, ct);
        if (task is null || LookupLinks.ObservableOf(task) is not { } observable)
        {
            return NotFound();
        }

        if (task.State == TaskState.Completed)
        {
            return Fragment ? await PanelAloneAsync(observable, task.TenantId, ct)
                : RedirectToPage(LookupLinks.DetailsPage, LookupLinks.RouteOf(observable, task.TenantId));
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

    /// <summary>The panel in this answer (no redirect to a second request); its own address when it cannot be shown here (the cache let the answer go).</summary>
    private async Task<IActionResult> PanelAloneAsync(Observable observable, Guid tenantId, CancellationToken ct)
    {
        var panel = await panels.RenderAsync(HttpContext, observable, tenantId, ct);
        return panel.Value is { } rendered
            ? new FileContentResult(rendered.WithoutToken, PanelEndpoint.ContentType)
            : Redirect(LookupLinks.PanelUrl(observable, tenantId));
    }
}

/// <summary>The progress view of a task, on its page or alone in the details area beside the events.</summary>
public sealed record TaskProgressView(TaskItem Task, Observable Observable, CurrentUser Reader, bool Fragment);
