using KumaTip.Application.Caching;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Tasks;

/// <summary>
/// The counter beside "Task manager": the current user's tasks (of the tenants he may see) that finished since he last
/// looked at the task manager. Looking at it clears the counter.
/// </summary>
public sealed class UnseenTasks(AppDbContext db, CurrentUser user, ChangeAwareCache<Guid, int> counts, ChangePublisher changes, TimeProvider time)
{
    /// <summary>Shown on every page: kept in memory per user until some task changes or the user looks at the task manager.</summary>
    public async Task<int> CountAsync(CancellationToken ct) =>
        user.Id is { } id ? await counts.GetOrLoadAsync(id, db, (db, ct) => ReadCountAsync(db, id, ct), _ => true, ct) : 0;

    private static async Task<int> ReadCountAsync(AppDbContext db, Guid id, CancellationToken ct)
    {
        var seenAt = await db.TaskManagerVisits.AsNoTracking().Where(v => v.UserId == id).Select(v => (DateTimeOffset?)v.SeenAt).FirstOrDefaultAsync(ct);
        var finished = db.Tasks.AsNoTracking().Where(t => t.CreatedById == id && t.FinishedAt != null);
        return await (seenAt is { } since ? finished.Where(t => t.FinishedAt > since) : finished).CountAsync(ct);
    }

    public async Task MarkSeenAsync(CancellationToken ct)
    {
        if (user.Id is not { } id)
        {
            return;
        }

        var now = time.GetUtcNow();
        if (await db.TaskManagerVisits.Where(v => v.UserId == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.SeenAt, now), ct) == 0)
        {
            var visit = db.TaskManagerVisits.Add(new TaskManagerVisit { UserId = id, SeenAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same user's other tab recorded its first visit at the same moment: seen either way.
                visit.State = EntityState.Detached;
            }
        }

        // The counter kept in memory (here and in the other instances) is outdated.
        await changes.PublishAsync(db, ChangeTopic.Tasks, ct);
    }
}
