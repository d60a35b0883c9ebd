using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace KumaTip.Application.Common;

/// <summary>
/// Work done off its callers' paths, coalesced: callers keep what is pending and <see cref="Wake"/> the loop, which runs
/// <see cref="RunPendingAsync"/> once for whatever is pending then; what comes while it runs goes with the next run. At
/// stop it runs once more (for at most two seconds), so what was pending when the instance stopped is not lost.
/// </summary>
public abstract class CoalescingLoop : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>False when this instance has nothing to do this way (the loop does not start).</summary>
    protected virtual bool Runs => true;

    /// <summary>How long after a wake-up the loop waits for more before it runs: what comes meanwhile goes in the same run.</summary>
    protected virtual TimeSpan Gathering => TimeSpan.Zero;

    /// <summary>Asks for a run; wake-ups before it starts make one run.</summary>
    protected void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Does what is pending; a failure is the subclass's to log (the loop goes on).</summary>
    protected abstract Task RunPendingAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Runs)
        {
            return;
        }

        try
        {
            await foreach (var _ in _wake.Reader.ReadAllAsync(stoppingToken))
            {
                if (Gathering > TimeSpan.Zero)
                {
                    await Task.Delay(Gathering, stoppingToken);
                }

                await RunPendingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await RunPendingAsync(last.Token);
        }
    }
}
