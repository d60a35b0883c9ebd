using System.Diagnostics;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Telemetry;
using KumaTip.Application.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Tasks;

/// <summary>
/// Runs queued tasks: <see cref="TaskOptions.WorkerCount"/> loops that wake on a signal (or the slow poll), claim a
/// task under a lease, keep the lease alive while the handler runs, and record the outcome on the row.
/// A worker waiting for work may also be handed a task queued in this instance, already claimed for it
/// (<see cref="TaskHandoff"/>). A reaper loop returns tasks whose worker died. Each task runs in its own DI scope as
/// the system.
/// </summary>
public sealed class TaskWorker(
    IServiceScopeFactory scopes,
    AppInstance instance,
    TaskSignal signal,
    TaskNotifier notifier,
    TaskHandoff handoff,
    IOptions<TaskOptions> options,
    TimeProvider time,
    ILogger<TaskWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = Enumerable.Range(0, options.Value.WorkerCount).Select(i => RunWorkerAsync($"{instance.Id}:{i}", stoppingToken)).ToList();
        if (loops.Count > 0)
        {
            loops.Add(RunReaperAsync(stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private async Task RunWorkerAsync(string owner, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                while (!stopping.IsCancellationRequested && await RunOneAsync(owner, null, stopping))
                {
                }

                // The queue was empty: wake-ups released while the workers were busy are spent, or each would cost an
                // empty claim later. A task queued between that claim and the drain is caught by one more claim.
                if (signal.DrainWork() > 0 && await RunOneAsync(owner, null, stopping))
                {
                    continue;
                }

                if (await WaitForWorkAsync(owner, stopping) is { } handed)
                {
                    await RunOneAsync(owner, handed, stopping);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable: log, wait, go on. The row keeps its state.
                logger.LogError(e, "Task worker {Owner} failed; retrying shortly", owner);
                await Task.Delay(TimeSpan.FromSeconds(2), time, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Until a wake-up, or a task a request of this instance queued claimed for this worker (returned): the worker
    /// offers itself to <see cref="TaskHandoff"/> while it waits.
    /// </summary>
    private async Task<TaskItem?> WaitForWorkAsync(string owner, CancellationToken stopping)
    {
        while (true)
        {
            var offer = handoff.OfferFrom(owner);
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            var woken = signal.WaitForWorkAsync(options.Value.PollInterval, waiting.Token);
            await Task.WhenAny(woken, offer.Handed);
            if (handoff.Withdraw(offer))
            {
                await woken;
                return null;
            }

            // A request took the offer and is inserting its task.
            await waiting.CancelAsync();
            var tookWakeUp = await TookWakeUpAsync(woken);
            if (await offer.Handed is { } handed)
            {
                // A wake-up taken meanwhile is another task's.
                if (tookWakeUp)
                {
                    signal.NotifyWork();
                }

                return handed;
            }

            // The request joined work queued already: nothing to claim, unless a wake-up came meanwhile.
            if (tookWakeUp)
            {
                return null;
            }
        }
    }

    private static async Task<bool> TookWakeUpAsync(Task<bool> woken)
    {
        try
        {
            return await woken;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs the task handed to this worker, or claims one and runs it; false when the queue had nothing available.</summary>
    private async Task<bool> RunOneAsync(string owner, TaskItem? handed, CancellationToken stopping)
    {
        await using var scope = CreateSystemScope("task-worker");
        var leases = scope.ServiceProvider.GetRequiredService<TaskLeases>();
        var task = handed ?? await leases.ClaimAsync(owner, stopping);
        if (task is null)
        {
            return false;
        }

        if (handed is null)
        {
            // On PostgreSQL the claim announced itself to the other instances; this one hears it in process. A handed
            // task was announced by the request that queued it.
            signal.NotifyChanged();
        }
        using var activity = KumaTipTelemetry.StartContinuing("Run task", task.TraceParent, ActivityKind.Consumer);
        activity?.SetTag("kumatip.task.kind", task.Kind).SetTag("kumatip.task.id", task.Id).SetTag("kumatip.task.attempt", task.Attempts);
        var handler = scope.ServiceProvider.GetServices<ITaskHandler>().FirstOrDefault(h => h.Kind == task.Kind);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var cancelRequested = false;
        var heartbeat = KeepLeaseAsync(task, owner, attempt, () => cancelRequested = true);
        TaskOutcome outcome;
        try
        {
            outcome = handler is null
                ? TaskOutcome.Failed($"No handler for tasks of kind '{task.Kind}'.")
                : await handler.ExecuteAsync(task, attempt.Token);
        }
        catch (OperationCanceledException) when (cancelRequested)
        {
            outcome = new TaskOutcome(TaskState.Cancelled, null, "Cancelled while running.", false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down: hand the task back now instead of waiting for its lease to expire.
            outcome = TaskOutcome.Postpone("The application stopped while the task ran.");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Task {TaskId} of kind {Kind} threw", task.Id, task.Kind);
            outcome = TaskOutcome.TransientFailure($"Unexpected error ({e.GetType().Name}).");
        }
        finally
        {
            await attempt.CancelAsync();
            await heartbeat;
        }

        activity?.SetTag("kumatip.task.outcome", outcome.State.ToString());
        if (outcome.Error is { } error && outcome.State != TaskState.Queued)
        {
            activity?.SetStatus(ActivityStatusCode.Error, error);
        }

        // The claim's scope records the outcome too: FinishAsync is a single UPDATE that ignores whatever the handler
        // left tracked, and a second scope would build a second DbContext for it.
        var recorded = await leases.FinishAsync(task, owner, outcome, CancellationToken.None);
        if (!recorded)
        {
            logger.LogWarning("Task {TaskId} lost its lease before it finished; its outcome was not recorded", task.Id);
        }

        if (outcome.State == TaskState.Queued || outcome.Transient)
        {
            signal.NotifyWork();
        }

        Changed();
        return true;
    }

    /// <summary>Wakes what follows tasks: here at once, in the other instances off the worker's path (<see cref="TaskNotifier.Changed"/>).</summary>
    private void Changed()
    {
        signal.NotifyChanged();
        notifier.Changed();
    }

    private async Task KeepLeaseAsync(TaskItem task, string owner, CancellationTokenSource attempt, Action onCancelRequested)
    {
        var interval = options.Value.LeaseDuration / 3;
        while (!attempt.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, attempt.Token);
                await using var scope = CreateSystemScope("task-heartbeat");
                var (held, cancel) = await scope.ServiceProvider.GetRequiredService<TaskLeases>().HeartbeatAsync(task.Id, owner, attempt.Token);
                if (cancel)
                {
                    onCancelRequested();
                }

                if (!held || cancel)
                {
                    await attempt.CancelAsync();
                }
            }
            catch (OperationCanceledException) when (attempt.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unreachable: the lease has two more beats' time before it expires, and
                // stopping the heartbeat would let the task be reaped and run twice.
                logger.LogWarning(e, "Heartbeat for task {TaskId} failed; retrying", task.Id);
            }
        }
    }

    private async Task RunReaperAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.LeaseDuration / 2, time, stopping);
                await using var scope = CreateSystemScope("task-reaper");
                var reaped = await scope.ServiceProvider.GetRequiredService<TaskLeases>().ReapExpiredAsync(stopping);
                if (reaped > 0)
                {
                    logger.LogWarning("Returned {Count} task(s) with an expired lease to the queue", reaped);
                    signal.NotifyWork(reaped);
                    Changed();
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Task reaper failed");
            }
        }
    }

    private AsyncServiceScope CreateSystemScope(string job)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem(job);
        return scope;
    }
}
