using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.Application.Tasks;

/// <summary>A task's state as the live views hear of it: whom it concerns and what to re-read, nothing more.</summary>
public sealed record TaskChange(Guid Id, Guid TenantId, TaskState State, Guid? CreatedById, DateTimeOffset UpdatedAt);

/// <summary>
/// The tasks that changed in any instance, for the task manager's pushed updates. It reads the task table when
/// <see cref="TaskSignal"/> says something changed (here, or in another instance through NOTIFY), and at the latest
/// after the wait its reader gives, for changes nobody signalled (a lease renewed). Each read starts where the last one
/// ended less <see cref="Overlap"/>, which absorbs instance clocks a little apart; a change already reported is not
/// reported again. One reader at a time.
/// </summary>
public sealed class TaskChangeFeed(IServiceScopeFactory scopes, TaskSignal signal, TimeProvider time)
{
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(5);

    private const int PageSize = 1000;

    private readonly Dictionary<Guid, (DateTimeOffset UpdatedAt, TaskState State)> _reported = [];
    private DateTimeOffset _cursor = time.GetUtcNow() - Overlap;
    private bool _pageWasFull;
    private Task? _changed;

    /// <summary>Nobody listened for a while: what changed meanwhile is nobody's news, the next read starts from now.</summary>
    public void StartFromNow()
    {
        _cursor = time.GetUtcNow() - Overlap;
        _reported.Clear();
        _pageWasFull = false;
        _changed = Task.CompletedTask;
    }

    /// <summary>
    /// The changes since the last call, once some task changed or <paramref name="wait"/> has passed. After a change,
    /// what changes within <paramref name="gathering"/> more is read with it: one read for the changes that come
    /// together (a task's claim and its first steps, a bulk lookup's hundred outcomes), made after the work that
    /// caused them rather than beside it.
    /// </summary>
    public async Task<IReadOnlyList<TaskChange>> NextAsync(TimeSpan wait, TimeSpan gathering, CancellationToken ct)
    {
        if (!_pageWasFull)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var changed = _changed ?? signal.ChangedAsync();
            if (await Task.WhenAny(changed, Task.Delay(wait, time, timeout.Token)) == changed && gathering > TimeSpan.Zero)
            {
                await Task.Delay(gathering, time, ct);
            }

            await timeout.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }

        // Taken before reading, so a change saved while this read runs wakes the next call.
        _changed = signal.ChangedAsync();
        return await ReadAsync(ct);
    }

    private async Task<IReadOnlyList<TaskChange>> ReadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var from = _pageWasFull ? _cursor : _cursor - Overlap;
        var rows = await db.Tasks.AsNoTracking().Where(t => t.UpdatedAt >= from).OrderBy(t => t.UpdatedAt).Take(PageSize)
            .Select(t => new TaskChange(t.Id, t.TenantId, t.State, t.CreatedById, t.UpdatedAt)).ToListAsync(ct);
        _pageWasFull = rows.Count == PageSize;
        if (rows.Count > 0 && rows[^1].UpdatedAt > _cursor)
        {
            _cursor = rows[^1].UpdatedAt;
        }

        var news = rows.Where(r => !_reported.TryGetValue(r.Id, out var known) || known != (r.UpdatedAt, r.State)).ToList();
        foreach (var change in news)
        {
            _reported[change.Id] = (change.UpdatedAt, change.State);
        }

        foreach (var old in _reported.Where(r => r.Value.UpdatedAt < _cursor - Overlap).Select(r => r.Key).ToList())
        {
            _reported.Remove(old);
        }

        return news;
    }
}
