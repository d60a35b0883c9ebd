using KumaTip.Application.Tasks;
using Microsoft.AspNetCore.SignalR;

namespace KumaTip.Web.TaskUpdates;

/// <summary>
/// Turns the tasks that changed (<see cref="TaskChangeFeed"/>: in this instance or another) into <see cref="TaskHub"/>
/// messages, each tenant's changes to that tenant's group and all of them to the General administrators. Reads
/// nothing while no browser listens.
/// </summary>
public sealed class TaskBroadcaster(TaskChangeFeed feed, TaskListeners listeners, IHubContext<TaskHub> hub, TimeProvider time, ILogger<TaskBroadcaster> logger)
    : BackgroundService
{
    /// <summary>At the latest this often the task table is read, for changes nobody signalled (a renewed lease).</summary>
    private static readonly TimeSpan Unsignalled = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after a change the others that come with it are awaited, to be read and pushed together. Nobody sees
    /// 50 ms in a task list, while a read and a push at the moment of the change would take the cores
    /// from the work that made it: the worker's next steps, or the request answering the lookup's panel.
    /// </summary>
    public static readonly TimeSpan Gathering = TimeSpan.FromMilliseconds(50);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!listeners.Any)
                {
                    idle = true;
                    await Task.Delay(IdleCheck, time, stoppingToken);
                    continue;
                }

                if (idle)
                {
                    feed.StartFromNow();
                    idle = false;
                }

                var changes = await feed.NextAsync(Unsignalled, Gathering, stoppingToken);
                await listeners.RecheckAsync(stoppingToken);
                await PushAsync(changes, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable: browsers keep what they show and catch up on the next push.
                logger.LogWarning(e, "Pushing task changes failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PushAsync(IReadOnlyList<TaskChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return;
        }

        foreach (var tenant in changes.GroupBy(c => c.TenantId))
        {
            await hub.Clients.Group(TaskListeners.TenantGroup(tenant.Key)).SendAsync(TaskHub.TasksChanged, tenant.ToList(), ct);
        }

        await hub.Clients.Group(TaskListeners.AllTenantsGroup).SendAsync(TaskHub.TasksChanged, changes, ct);
    }
}
