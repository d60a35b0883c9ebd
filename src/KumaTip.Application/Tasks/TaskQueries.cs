using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Tasks;

public sealed record TaskFilter(bool OnlyMine = true, TaskState? State = null, Guid? TenantId = null, int Limit = 100);

/// <summary>What the task manager and the API read: tasks of the visible, selected tenants, newest first.</summary>
public sealed class TaskQueries(AppDbContext db, CurrentUser user, TenantSelection selection, TaskSignal signal, TimeProvider time)
{
    public const int MaxWaitSeconds = 60;

    /// <summary>What a caller that asked to wait for a task hears when the wait is out of range.</summary>
    public static readonly Error InvalidWait = Error.Invalid("waitSeconds", $"waitSeconds must be between 0 and {MaxWaitSeconds}.");

    public static bool IsValidWait(int? waitSeconds) => waitSeconds is null or (>= 0 and <= MaxWaitSeconds);

    public async Task<List<TaskItem>> ListAsync(TaskFilter filter, CancellationToken ct)
    {
        var tenants = await selection.GetAsync(ct);
        var query = db.Tasks.AsNoTracking().Where(t => tenants.Contains(t.TenantId));
        if (filter.OnlyMine)
        {
            query = query.Where(t => t.CreatedById == user.Id);
        }

        if (filter.State is { } state)
        {
            query = query.Where(t => t.State == state);
        }

        if (filter.TenantId is { } tenantId)
        {
            query = query.Where(t => t.TenantId == tenantId);
        }

        return await query.OrderByDescending(t => t.CreatedAt).Take(Math.Clamp(filter.Limit, 1, 500)).ToListAsync(ct);
    }

    public Task<TaskItem?> FindAsync(Guid id, CancellationToken ct) =>
        db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);

    /// <summary>
    /// The task once it has finished, or as it is after <paramref name="wait"/>. Woken by this instance's workers;
    /// a short poll covers tasks finished by another instance.
    /// </summary>
    public async Task<TaskItem?> WaitAsync(Guid id, TimeSpan wait, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(Math.Clamp(wait.TotalSeconds, 0, MaxWaitSeconds));
        while (true)
        {
            var changed = signal.ChangedAsync();
            var task = await FindAsync(id, ct);
            var left = deadline - time.GetUtcNow();
            if (task is null || task.IsFinished || left <= TimeSpan.Zero)
            {
                return task;
            }

            await Task.WhenAny(changed, Task.Delay(Min(left, TimeSpan.FromMilliseconds(500)), time, ct));
            ct.ThrowIfCancellationRequested();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
