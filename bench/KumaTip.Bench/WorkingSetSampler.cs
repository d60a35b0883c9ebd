using System.Diagnostics;

namespace KumaTip.Bench;

/// <summary>
/// The highest working set of this process (app, simulator and clients together) seen while it runs, sampled;
/// <see cref="Process.PeakWorkingSet64"/> covers the whole process lifetime instead.
/// </summary>
public sealed class WorkingSetSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;

    private WorkingSetSampler(TimeSpan interval) => _loop = Task.Run(() => SampleAsync(interval));

    public static WorkingSetSampler Start(TimeSpan interval) => new(interval);

    /// <summary>Stops sampling; returns the highest working set seen, in bytes.</summary>
    public long Stop()
    {
        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
        return Interlocked.Read(ref _peak);
    }

    public void Dispose()
    {
        if (!_stop.IsCancellationRequested)
        {
            Stop();
        }

        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var process = Process.GetCurrentProcess();
        while (true)
        {
            process.Refresh();
            Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), process.WorkingSet64));
            try
            {
                await Task.Delay(interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
