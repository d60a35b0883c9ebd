using KumaTip.Application.Persistence;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KumaTip.Application.Tasks;

/// <summary>On PostgreSQL, LISTENs for tasks queued by any instance and wakes this instance's workers at once.</summary>
public sealed class TaskNotificationListener(
    DatabaseConnection database,
    TaskSignal signal,
    TimeProvider time,
    ILogger<TaskNotificationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => signal.NotifyWork();
                await using (var listen = new NpgsqlCommand($"LISTEN {TaskNotifier.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The slow poll keeps the queue moving meanwhile.
                logger.LogWarning(e, "Listening for task notifications failed; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
