using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Tasks;

/// <summary>
/// Tells the other instances (on PostgreSQL, through NOTIFY) what this one already signalled in process with
/// <see cref="TaskSignal"/>: a task was queued (wake a worker), or a task changed state (wake whoever follows tasks).
/// </summary>
public sealed class TaskNotifier(AppDbContext db, AppInstance instance)
{
    public const string Channel = "kumatip_tasks";

    public const string ChangedChannel = "kumatip_task_changes";

    /// <summary>
    /// A task was queued: the other instances' workers are woken by a NOTIFY sent in the batch that inserts it (one
    /// round trip for both), this instance's at once.
    /// </summary>
    public void TaskQueued(SqlBatch batch)
    {
        if (db.Database.IsNpgsql())
        {
            batch.Add($"SELECT pg_notify({Channel}, {instance.Id})");
        }
    }

    /// <summary>After a claim, an outcome, a cancellation or a reaped lease: the live views of every instance re-read.</summary>
    public Task AnnounceChangeAsync(CancellationToken ct) => NotifyOthersAsync(ChangedChannel, ct);

    private async Task NotifyOthersAsync(string channel, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            // Signed with this instance's id: its own listener ignores it, since this instance signalled in process.
            await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [channel, instance.Id], ct);
        }
    }
}
