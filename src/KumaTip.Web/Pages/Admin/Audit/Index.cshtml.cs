using KumaTip.Application.Audit;
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
        Entries = await audit.ListAsync(new AuditFilter(User, ObjectType, ToUtc(From), ToUtc(To)), ct);

    private static DateTimeOffset? ToUtc(DateTime? local) =>
        local is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
