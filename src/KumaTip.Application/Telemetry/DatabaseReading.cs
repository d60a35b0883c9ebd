using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Telemetry;

/// <summary>
/// A value that observable gauges take from the database, read at most once per
/// <see cref="TelemetryOptions.DatabaseGaugeInterval"/> whatever the number of scrapes. A collection that finds it
/// stale starts one read (in a scope of its own) and waits for it briefly; collections meanwhile share that read. A
/// read that fails keeps the last value, and is not tried again before the interval is up: a database in trouble is
/// not asked more often because it is slow.
/// </summary>
internal sealed class DatabaseReading<T>(
    string what,
    Func<IServiceProvider, CancellationToken, Task<T>> read,
    IServiceScopeFactory scopes,
    IOptions<TelemetryOptions> options,
    TimeProvider time,
    ILogger logger)
    where T : class
{
    /// <summary>How long a collection waits for a read; a slower one lands in a later collection.</summary>
    private static readonly TimeSpan CollectionWait = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private T? _value;
    private long? _readAt;
    private Task? _reading;

    /// <summary>The last value read, refreshed first when older than the interval; null until a read succeeds.</summary>
    public T? Current()
    {
        Task? reading;
        lock (_gate)
        {
            if (_reading is null && (_readAt is not { } at || time.GetElapsedTime(at) >= options.Value.DatabaseGaugeInterval))
            {
                _reading = ReadAsync();
            }

            reading = _reading;
        }

        reading?.Wait(CollectionWait);
        return Volatile.Read(ref _value);
    }

    private async Task ReadAsync()
    {
        // Off the caller's lock: the read runs on the thread pool while Current waits for it.
        await Task.Yield();
        try
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            await using var scope = scopes.CreateAsyncScope();
            Volatile.Write(ref _value, await read(scope.ServiceProvider, timeout.Token));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Reading the {What} for the metrics failed; its gauges keep their last value", what);
        }
        finally
        {
            lock (_gate)
            {
                _readAt = time.GetTimestamp();
                _reading = null;
            }
        }
    }
}
