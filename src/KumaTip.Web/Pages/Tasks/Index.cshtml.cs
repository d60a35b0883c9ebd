using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Tasks;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace KumaTip.Web.Pages.Tasks;

/// <summary>
/// The task manager: tasks of the selected tenants, newest first; Show only mine (on unless the form says otherwise),
/// a status filter, Show result, and Restart and Cancel for the tasks the reader may change (his own; any, for an
/// administrator). tasks.js re-reads the rows (<see cref="OnGetRowsAsync"/>) as the server pushes task changes.
/// Looking at it marks the reader's finished tasks seen: the counter beside "Task manager" clears.
/// </summary>
public sealed class IndexModel(
    TaskQueries queries, TaskQueue queue, TenantService tenants, UnseenTasks unseen, CurrentUser reader, IStringLocalizer<ThreatLookupText> text) : PageModel
{
    /// <summary>The check box posts <c>true</c> before its hidden <c>false</c>; absent (first visit) it stays on.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Mine { get; set; } = true;

    [BindProperty(SupportsGet = true)]
    public TaskState? Status { get; set; }

    public IReadOnlyList<TaskItem> Tasks { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> TenantNames { get; private set; } = new Dictionary<Guid, string>();

    public CurrentUser Reader => reader;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The rows alone, for tasks.js.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_TaskRows", this);
    }

    public async Task<IActionResult> OnPostRestartAsync(Guid id, CancellationToken ct) =>
        await AfterAsync((await queue.RestartAsync(id, ct)).Error, ct);

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct) =>
        await AfterAsync((await queue.CancelAsync(id, ct)).Error, ct);

    public Dictionary<string, string?> Filters() => new()
    {
        ["mine"] = Mine ? "true" : "false",
        ["status"] = Status?.ToString(),
    };

    private const int TaskFilterLimit = 100;

    private async Task<IActionResult> AfterAsync(Error? error, CancellationToken ct)
    {
        if (error is null)
        {
            return RedirectToPage(Filters());
        }

        // Refused (a forged post for a task the reader may not change, or one gone): said in the reader's language
        // where the message has a translation.
        ModelState.AddModelError(string.Empty, text[error.Message]);
        Response.StatusCode = error.Kind switch
        {
            ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
            ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status200OK,
        };
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await unseen.MarkSeenAsync(ct);
        TenantNames = (await tenants.ListAsync(ct)).ToDictionary(t => t.Id, t => t.Name);
        Tasks = await queries.ListAsync(new TaskFilter(Mine, Status, Limit: TaskFilterLimit), ct);
    }
}
