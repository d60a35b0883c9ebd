using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Tasks;

/// <summary>Wakes workers when a task is queued: in this process always, and on PostgreSQL the other instances through NOTIFY.</summary>
public sealed class TaskNotifier(AppDbContext db, AppInstance instance, TaskSignal signal)
{
    public const string Channel = "kumatip_tasks";

    public async Task TaskQueuedAsync(CancellationToken ct)
    {
        signal.NotifyWork();
        if (db.Database.IsNpgsql())
        {
            // Signed with this instance's id: its own listener ignores it, so one task wakes one worker here.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, instance.Id], ct);
        }
    }
}
