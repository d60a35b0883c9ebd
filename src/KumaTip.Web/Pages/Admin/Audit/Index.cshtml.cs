using KumaTip.Application.Audit;
using KumaTip.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace KumaTip.Web.Pages.Admin.Audit;

public sealed class IndexModel(AuditQueries audit) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")]
    public new string? User { get; set; }

    [BindProperty(SupportsGet = true, Name = "object")]
    public string? ObjectType { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateTime? To { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Entries = await audit.ListAsync(new AuditFilter(User, ObjectType, LocalTime.FromReaderClock(HttpContext, From), LocalTime.FromReaderClock(HttpContext, To)), ct);
}
