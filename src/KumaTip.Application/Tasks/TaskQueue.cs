using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Telemetry;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Tasks;

public sealed record NewTask(string Kind, Guid TenantId, string Title, string Parameters, string? DeduplicationKey);

/// <summary>Queue operations people trigger: enqueue (or join), cancel, restart. Workers use <see cref="TaskLeases"/>.</summary>
public sealed class TaskQueue(
    AppDbContext db,
    CurrentUser user,
    TenantAccess access,
    TaskSignal signal,
    TaskNotifier notifier,
    TaskHandoff handoff,
    IOptions<TaskOptions> options,
    TimeProvider time,
    AuditLog audit,
    IEnumerable<ITaskRestartCheck> restartChecks)
{
    private const int MaxInsertAttempts = 3;

    public static readonly Error NotYours = new(
        "not_task_creator", "Only the user who created this task, or an administrator, can cancel or restart it.", ErrorKind.Forbidden);

    /// <summary>Queues a task, or returns the queued or running task with the same deduplication key (joined = true).</summary>
    public async Task<Result<(TaskItem Task, bool Joined)>> EnqueueAsync(NewTask request, CancellationToken ct)
    {
        if (!access.Allows(request.TenantId))
        {
            return Error.NotFound("Tenant");
        }

        var now = time.GetUtcNow();
        var task = new TaskItem
        {
            Id = Guid.CreateVersion7(),
            Kind = request.Kind,
            TenantId = request.TenantId,
            Title = request.Title.Length > TaskItem.MaxTitleLength ? request.Title[..TaskItem.MaxTitleLength] : request.Title,
            Parameters = request.Parameters,
            DeduplicationKey = request.DeduplicationKey,
            State = TaskState.Queued,
            CreatedById = user.Id,
            CreatedByName = user.UserName,
            CreatedAt = now,
            UpdatedAt = now,
            AvailableAt = now,
            MaxAttempts = options.Value.MaxAttempts,
            TraceParent = KumaTipTelemetry.TraceParentToCarry(),
        };
        // An idle worker of this instance, if there is one, gets the task as it is queued (claimed in the same row).
        var idle = handoff.Take();
        try
        {
            if (idle is not null)
            {
                task.ClaimedAtQueuing(idle.Owner, now, options.Value.LeaseDuration);
            }

            // The same work queued already (or by another request at the same moment) keeps its row, by the unique index
            // on active work, and ours joins it: one round trip when nothing is queued, the usual case. If theirs
            // finished before we look for it, the key is free and ours is queued after all (it finds their answer in
            // the cache and spends nothing).
            // A row claimed for a worker must reach it: its insert is not given up halfway with the request (the task
            // would wait for its lease to expire).
            for (var attempt = 1; !await InsertAsync(task, idle is null ? ct : CancellationToken.None); attempt++)
            {
                if (await FindActiveAsync(request.TenantId, request.DeduplicationKey, ct) is { } winner)
                {
                    return (winner, true);
                }

                if (attempt == MaxInsertAttempts)
                {
                    return new Error("task_contended", "The same work was queued and finished several times meanwhile. Try again.", ErrorKind.Conflict);
                }
            }

            if (idle is null)
            {
                signal.NotifyWork();
            }
            else
            {
                idle.Hand(task.Copy());
            }

            signal.NotifyChanged();
            return (task, false);
        }
        finally
        {
            // Not inserted (joined, refused, failed): the worker goes back to waiting. No-op once handed.
            idle?.Hand(null);
        }
    }

    /// <summary>
    /// The task's row unless the same work is queued already (<see cref="InsertUnlessConflicting"/>), and the other
    /// instances' wake-up if it was inserted (their workers' unless a worker here has it already), in one round trip:
    /// lookups queue a task each.
    /// </summary>
    private async Task<bool> InsertAsync(TaskItem task, CancellationToken ct)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(ct);
        }

        await using var batch = new SqlBatch(db);
        batch.AddInsertUnlessConflicting(task);
        notifier.TaskQueued(batch, task);
        var inserted = (await batch.ExecuteAsync(ct))[0] == 1;
        if (inserted)
        {
            db.Attach(task);
        }

        return inserted;
    }

    public async Task<Result<TaskItem>> CancelAsync(Guid id, CancellationToken ct)
    {
        var task = await db.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null)
        {
            return Error.NotFound("Task");
        }

        if (!task.MayBeCancelledOrRestartedBy(user))
        {
            return NotYours;
        }

        var now = time.GetUtcNow();
        // A queued task is cancelled at once; a running one is asked to stop and its worker finishes it.
        var cancelledQueued = await db.Tasks.Where(t => t.Id == id && t.State == TaskState.Queued).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.State, TaskState.Cancelled).SetProperty(t => t.FinishedAt, now)
                .SetProperty(t => t.UpdatedAt, now).SetProperty(t => t.Error, $"Cancelled by {user.UserName}."),
            ct);
        if (cancelledQueued == 0)
        {
            await db.Tasks.Where(t => t.Id == id && t.State == TaskState.Running).ExecuteUpdateAsync(
                s => s.SetProperty(t => t.CancelRequested, true).SetProperty(t => t.UpdatedAt, now), ct);
        }

        await audit.RecordNowAsync(AuditActions.Cancel, "Task", id.ToString(), task.Title, task.TenantId, ct);
        signal.NotifyChanged();
        await db.Entry(task).ReloadAsync(ct);
        notifier.Changed();
        return task;
    }

    /// <summary>A new task with the same parameters, linked to the old one (which stays as it was).</summary>
    public async Task<Result<TaskItem>> RestartAsync(Guid id, CancellationToken ct)
    {
        var old = await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (old is null)
        {
            return Error.NotFound("Task");
        }

        if (!old.MayBeCancelledOrRestartedBy(user))
        {
            return NotYours;
        }

        foreach (var check in restartChecks.Where(c => c.Kind == old.Kind))
        {
            if ((await check.CheckAsync(old, ct)).Error is { } refused)
            {
                return refused;
            }
        }

        var queued = await EnqueueAsync(new NewTask(old.Kind, old.TenantId, old.Title, old.Parameters, old.DeduplicationKey), ct);
        if (!queued.Succeeded)
        {
            return queued.Error!;
        }

        var task = queued.Value.Task;
        if (!queued.Value.Joined)
        {
            task.RestartedFromId = old.Id;
            await db.SaveChangesAsync(ct);
        }

        await audit.RecordNowAsync(AuditActions.Restart, "Task", old.Id.ToString(), old.Title, old.TenantId, ct);
        return task;
    }

    /// <summary>Joining is per tenant: a task, its creator and its result belong to one tenant.</summary>
    private async Task<TaskItem?> FindActiveAsync(Guid tenantId, string? deduplicationKey, CancellationToken ct) =>
        deduplicationKey is null
            ? null
            : await db.Tasks.AsNoTracking()
                .Where(t => t.TenantId == tenantId && t.DeduplicationKey == deduplicationKey
                            && (t.State == TaskState.Queued || t.State == TaskState.Running))
                .FirstOrDefaultAsync(ct);
}
