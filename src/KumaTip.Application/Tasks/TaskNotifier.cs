using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Tasks;

/// <summary>Wakes workers when a task is queued: in this process always, and on PostgreSQL every instance through NOTIFY.</summary>
public sealed class TaskNotifier(AppDbContext db, TaskSignal signal)
{
    public const string Channel = "kumatip_tasks";

    public async Task TaskQueuedAsync(CancellationToken ct)
    {
        signal.NotifyWork();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"NOTIFY {Channel}", ct);
        }
    }
}
