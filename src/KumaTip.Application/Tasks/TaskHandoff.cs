namespace KumaTip.Application.Tasks;

/// <summary>
/// Hands a task queued in this instance straight to one of its idle workers: the queuing request takes the offer of a
/// worker waiting for work, inserts the task's row already claimed by that worker (as its claim would have left it,
/// <see cref="TaskItem.ClaimedAtQueuing"/>) and gives it the task, which it runs without a wake-up and a claim of its own.
/// An analyst's lookup is then on its way to TIP as soon as its row is written. The row is the claim, so nothing is
/// lost when the instance stops: its lease expires and the reaper returns the task to the queue, as for any claim.
/// </summary>
public sealed class TaskHandoff
{
    private readonly Lock _gate = new();
    private readonly List<Offer> _idle = [];

    /// <summary>How many workers of this instance wait for work now.</summary>
    public int Idle
    {
        get
        {
            lock (_gate)
            {
                return _idle.Count;
            }
        }
    }

    /// <summary>A worker waits for work: the next task queued here may be handed to it.</summary>
    public Offer OfferFrom(string owner)
    {
        var offer = new Offer(owner);
        lock (_gate)
        {
            _idle.Add(offer);
        }

        return offer;
    }

    /// <summary>The worker stops waiting: false when a queuing request took its offer first (the worker then waits for <see cref="Offer.Handed"/>).</summary>
    public bool Withdraw(Offer offer)
    {
        lock (_gate)
        {
            return _idle.Remove(offer);
        }
    }

    /// <summary>The offer of the worker that became idle last (its caches are the warmest), or null when every worker is busy.</summary>
    public Offer? Take()
    {
        lock (_gate)
        {
            if (_idle.Count == 0)
            {
                return null;
            }

            var offer = _idle[^1];
            _idle.RemoveAt(_idle.Count - 1);
            return offer;
        }
    }

    /// <summary>An idle worker's offer. Once taken it is always answered: the task claimed for the worker, or null when none was queued after all.</summary>
    public sealed class Offer(string owner)
    {
        private readonly TaskCompletionSource<TaskItem?> _handed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Owner { get; } = owner;

        public Task<TaskItem?> Handed => _handed.Task;

        public void Hand(TaskItem? task) => _handed.TrySetResult(task);
    }
}
