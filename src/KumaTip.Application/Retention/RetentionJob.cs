using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Retention;

/// <summary>Runs <see cref="EventRetention"/> at start-up and every <see cref="RetentionOptions.Interval"/>, in a scope of its own as the system.</summary>
public sealed class RetentionJob(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, TimeProvider time, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("retention");
                var report = await scope.ServiceProvider.GetRequiredService<EventRetention>().RunAsync(stoppingToken);
                if (report is null)
                {
                    logger.LogDebug("Retention skipped: another instance is running it");
                }
                else if (report.EventsDeleted + report.ObservableRowsDeleted + report.PartitionsCreated.Count + report.PartitionsDropped.Count + report.CacheEntriesDropped > 0)
                {
                    logger.LogInformation(
                        "Retention: {Events} events and {ObservableRows} observable rows deleted, {Dropped} partitions dropped ({DroppedNames}), {Created} partitions created, {CacheEntries} unused cache entries dropped",
                        report.EventsDeleted,
                        report.ObservableRowsDeleted,
                        report.PartitionsDropped.Count,
                        string.Join(", ", report.PartitionsDropped.Select(d => $"{d.Name} in {d.Took.TotalMilliseconds:F0} ms")),
                        report.PartitionsCreated.Count,
                        report.CacheEntriesDropped);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next run starts over: every step is idempotent, and what was deleted stays deleted.
                logger.LogError(e, "Retention run failed; retrying at the next interval");
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
