using KumaTip.Application.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KumaTip.UnitTests.Telemetry;

public sealed class DatabaseReadingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new();
    private int _reads;

    [Fact]
    public void A_storm_of_collections_within_the_interval_reads_the_database_once()
    {
        var reading = Reading((_, _) => Task.FromResult($"value {Interlocked.Increment(ref _reads)}"));

        var values = Enumerable.Range(0, 1_000).Select(_ => reading.Current()).ToList();

        Assert.All(values, v => Assert.Equal("value 1", v));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public void A_value_older_than_the_interval_is_read_again()
    {
        var reading = Reading((_, _) => Task.FromResult($"value {Interlocked.Increment(ref _reads)}"));
        reading.Current();

        _time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.Equal("value 1", reading.Current());
        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal("value 2", reading.Current());
    }

    [Fact]
    public async Task Concurrent_collections_share_one_read()
    {
        var release = new TaskCompletionSource();
        var reading = Reading(async (_, _) =>
        {
            Interlocked.Increment(ref _reads);
            await release.Task;
            return "value";
        });

        // Collections on threads of their own: eight blocked pool threads on a small machine would starve the read itself.
        var collections = Enumerable.Range(0, 8)
            .Select(_ => Task.Factory.StartNew(reading.Current, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToList();
        await Task.Delay(100);
        release.SetResult();

        Assert.All(await Task.WhenAll(collections), v => Assert.Equal("value", v));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public void A_failed_read_keeps_the_last_value_and_is_not_retried_before_the_interval()
    {
        var fail = false;
        var reading = Reading((_, _) =>
        {
            Interlocked.Increment(ref _reads);
            return fail ? throw new InvalidOperationException("database down") : Task.FromResult("good");
        });
        reading.Current();
        fail = true;
        _time.Advance(Interval);

        Assert.Equal("good", reading.Current());
        Assert.Equal("good", reading.Current());
        Assert.Equal(2, _reads);
    }

    private DatabaseReading<string> Reading(Func<IServiceProvider, CancellationToken, Task<string>> read) => new(
        "test value",
        read,
        new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        Options.Create(new TelemetryOptions { DatabaseGaugeInterval = Interval }),
        _time,
        NullLogger.Instance);
}
