using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Tasks;

/// <summary>
/// The workers' side of the queue: claim a task under a lease, extend it (heartbeat), record the outcome, and
/// return tasks whose lease expired (their worker died) to the queue.
/// </summary>
public sealed class TaskLeases(
    AppDbContext db, IEnumerable<ITaskHeldLease> heldLeases, AppInstance instance, IOptions<TaskOptions> options, TimeProvider time)
{
    /// <summary>SQLite has one writer; claims in this process go one at a time so they never contend for it.</summary>
    private static readonly SemaphoreSlim SqliteClaimGate = new(1, 1);

    public async Task<TaskItem?> ClaimAsync(string owner, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.LeaseDuration;
        if (db.Database.IsNpgsql())
        {
            // SKIP LOCKED: concurrent workers (of any instance) each take a different row without waiting. RETURNING *
            // hands back the claimed row itself, and the claim announces itself to the other instances' live views
            // (TaskNotifier's change, signed with this instance), so it is one round trip. The statement is not
            // composable (EF cannot wrap it in a SELECT): no LINQ operator may follow it but AsNoTracking/IgnoreQueryFilters.
            var claimed = await db.Tasks.FromSql($"""
                WITH claimed AS (
                    UPDATE "Tasks" SET "State" = 1, "LeaseOwner" = {owner}, "LeaseExpiresAt" = {expires},
                           "Attempts" = "Attempts" + 1, "UpdatedAt" = {now}, "StartedAt" = COALESCE("StartedAt", {now})
                    WHERE "Id" = (SELECT "Id" FROM "Tasks" WHERE "State" = 0 AND "AvailableAt" <= {now}
                                  ORDER BY "AvailableAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING *),
                announced AS (SELECT pg_notify({TaskNotifier.ChangedChannel}, {instance.Id}) FROM claimed)
                SELECT claimed.* FROM claimed CROSS JOIN announced
                """).IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
            return claimed.FirstOrDefault();
        }

        Guid? id;
        await SqliteClaimGate.WaitAsync(ct);
        try
        {
            id = await ClaimWithCompareAndSetAsync(owner, now, expires, ct);
        }
        finally
        {
            SqliteClaimGate.Release();
        }

        return id is { } claimedId ? await db.Tasks.AsNoTracking().IgnoreQueryFilters().FirstAsync(t => t.Id == claimedId, ct) : null;
    }

    /// <summary>Extends the lease, and what the task holds with it; false when the lease was lost (reaped) — the worker must stop.</summary>
    public async Task<(bool Held, bool CancelRequested)> HeartbeatAsync(Guid id, string owner, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.LeaseDuration;
        var updated = await Running(id, owner).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.LeaseExpiresAt, expires).SetProperty(t => t.UpdatedAt, now), ct);
        foreach (var held in updated > 0 ? heldLeases : [])
        {
            await held.RenewAsync(id, expires, ct);
        }

        var cancel = updated > 0 && await Running(id, owner).AnyAsync(t => t.CancelRequested, ct);
        return (updated > 0, cancel);
    }

    /// <summary>Records the attempt's outcome, if this worker still holds the lease.</summary>
    public async Task<bool> FinishAsync(TaskItem task, string owner, TaskOutcome outcome, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var running = Running(task.Id, owner);
        int updated;
        if (outcome.State == TaskState.Queued)
        {
            // Postponed: not a failed attempt.
            var later = now + TimeSpan.FromMilliseconds(250);
            updated = await running.ExecuteUpdateAsync(
                s => s.SetProperty(t => t.State, TaskState.Queued).SetProperty(t => t.Attempts, t => t.Attempts - 1)
                    .SetProperty(t => t.AvailableAt, later).SetProperty(t => t.LeaseOwner, (string?)null)
                    .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null).SetProperty(t => t.UpdatedAt, now),
                ct);
        }
        else if (outcome.Transient && task.Attempts < task.MaxAttempts)
        {
            var retryAt = now + Backoff(task.Attempts);
            var reason = $"Attempt {task.Attempts} of {task.MaxAttempts} failed: {outcome.Error} Retrying at {retryAt:HH:mm:ss} UTC.";
            updated = await running.ExecuteUpdateAsync(
                s => s.SetProperty(t => t.State, TaskState.Queued).SetProperty(t => t.AvailableAt, retryAt)
                    .SetProperty(t => t.Error, reason).SetProperty(t => t.ErrorRevealsConfiguration, outcome.ErrorRevealsConfiguration)
                    .SetProperty(t => t.LeaseOwner, (string?)null)
                    .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null).SetProperty(t => t.UpdatedAt, now),
                ct);
        }
        else
        {
            var error = outcome.Transient ? $"Failed after {task.Attempts} attempts: {outcome.Error}" : outcome.Error;
            updated = await running.ExecuteUpdateAsync(
                s => s.SetProperty(t => t.State, outcome.State).SetProperty(t => t.Result, outcome.Result)
                    .SetProperty(t => t.Error, error).SetProperty(t => t.ErrorRevealsConfiguration, outcome.ErrorRevealsConfiguration)
                    .SetProperty(t => t.FinishedAt, now)
                    .SetProperty(t => t.LeaseOwner, (string?)null).SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(t => t.UpdatedAt, now),
                ct);
        }

        return updated > 0;
    }

    /// <summary>Returns running tasks whose lease expired to the queue (or fails them when out of attempts).</summary>
    public async Task<int> ReapExpiredAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var failed = await db.Tasks.IgnoreQueryFilters()
            .Where(t => t.State == TaskState.Running && t.LeaseExpiresAt < now && t.Attempts >= t.MaxAttempts)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.State, TaskState.Failed).SetProperty(t => t.FinishedAt, now)
                    .SetProperty(t => t.Error, "The worker running this task stopped responding too many times.")
                    .SetProperty(t => t.ErrorRevealsConfiguration, false)
                    .SetProperty(t => t.LeaseOwner, (string?)null).SetProperty(t => t.UpdatedAt, now),
                ct);
        var returned = await db.Tasks.IgnoreQueryFilters()
            .Where(t => t.State == TaskState.Running && t.LeaseExpiresAt < now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.State, TaskState.Queued).SetProperty(t => t.AvailableAt, now)
                    .SetProperty(t => t.LeaseOwner, (string?)null).SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(t => t.UpdatedAt, now),
                ct);
        return failed + returned;
    }

    private IQueryable<TaskItem> Running(Guid id, string owner) =>
        db.Tasks.IgnoreQueryFilters().Where(t => t.Id == id && t.State == TaskState.Running && t.LeaseOwner == owner);

    private async Task<Guid?> ClaimWithCompareAndSetAsync(string owner, DateTimeOffset now, DateTimeOffset expires, CancellationToken ct)
    {
        var candidates = await db.Tasks.IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.State == TaskState.Queued && t.AvailableAt <= now)
            .OrderBy(t => t.AvailableAt).Select(t => t.Id).Take(5).ToListAsync(ct);
        foreach (var id in candidates)
        {
            var updated = await db.Tasks.IgnoreQueryFilters().Where(t => t.Id == id && t.State == TaskState.Queued)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(t => t.State, TaskState.Running).SetProperty(t => t.LeaseOwner, owner)
                        .SetProperty(t => t.LeaseExpiresAt, expires).SetProperty(t => t.Attempts, t => t.Attempts + 1)
                        .SetProperty(t => t.UpdatedAt, now).SetProperty(t => t.StartedAt, t => t.StartedAt ?? now),
                    ct);
            if (updated == 1)
            {
                return id;
            }
        }

        return null;
    }

    private TimeSpan Backoff(int attempt)
    {
        var baseDelay = options.Value.RetryBaseDelay;
        var exponential = baseDelay * Math.Pow(2, Math.Max(0, attempt - 1));
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromTicks((long)Math.Min(exponential.Ticks * jitter, TimeSpan.FromMinutes(10).Ticks));
    }
}
