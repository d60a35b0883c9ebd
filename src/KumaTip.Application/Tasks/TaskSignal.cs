using KumaTip.Application.Caching;

namespace KumaTip.Application.Tasks;

/// <summary>
/// In-process wake-ups: workers wait on <see cref="WaitForWorkAsync"/>; enqueuing (here, or on PostgreSQL via
/// LISTEN/NOTIFY from another instance) releases them at once. Waiters on a task's completion are released too.
/// </summary>
public sealed class TaskSignal(ChangeGenerations generations)
{
    private readonly SemaphoreSlim _work = new(0, int.MaxValue);
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void NotifyWork(int count = 1) => _work.Release(Math.Max(1, count));

    /// <summary>Takes every pending wake-up; returns how many there were.</summary>
    public int DrainWork()
    {
        var drained = 0;
        while (_work.Wait(0))
        {
            drained++;
        }

        return drained;
    }

    /// <summary>True when it took a wake-up, false when the time was up.</summary>
    public Task<bool> WaitForWorkAsync(TimeSpan timeout, CancellationToken ct) => _work.WaitAsync(timeout, ct);

    /// <summary>Some task changed state (here, or in another instance that said so); waiters and copies re-read what they wait for.</summary>
    public void NotifyChanged()
    {
        generations.Raise(ChangeTopic.Tasks);
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    public Task ChangedAsync()
    {
        lock (_gate)
        {
            return _changed.Task;
        }
    }
}
