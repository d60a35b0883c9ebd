using System.Runtime.CompilerServices;
using KumaTip.Application.Persistence;

namespace KumaTip.Application.Tasks;

/// <summary>
/// Tells the other instances (on PostgreSQL, through NOTIFY) what this one already signalled in process with
/// <see cref="TaskSignal"/>: a task was queued (wake a worker), or a task changed state (wake whoever follows tasks).
/// Signed with this instance's id: its own listener ignores them.
/// </summary>
public sealed class TaskNotifier(AppInstance instance, DatabaseAnnouncer announcer)
{
    public const string Channel = "kumatip_tasks";

    public const string ChangedChannel = "kumatip_task_changes";

    /// <summary>
    /// A task was queued: the other instances' workers are woken by a NOTIFY sent in the batch that inserts it (one
    /// round trip for both), after the insert and only if it inserted the row (an insert that joined other work wakes
    /// nobody); this instance's at once. A task queued already claimed by a worker here (<see cref="TaskHandoff"/>)
    /// wakes only the other instances' live views.
    /// </summary>
    public void TaskQueued(SqlBatch batch, TaskItem task)
    {
        if (batch.OnPostgres)
        {
            var channel = task.State == TaskState.Queued ? Channel : ChangedChannel;
            batch.Add(FormattableStringFactory.Create(
                DatabaseAnnouncer.NotifySql + " WHERE EXISTS (SELECT 1 FROM \"Tasks\" WHERE \"Id\" = {2})", channel, instance.Id, task.Id));
        }
    }

    /// <summary>
    /// After an outcome, a cancellation or a reaped lease, once committed: the live views of every instance re-read.
    /// Off the caller's path, and coalesced with the others pending (a claim announces itself in its own statement).
    /// </summary>
    public void Changed() => announcer.Announce(ChangedChannel, instance.Id);
}
