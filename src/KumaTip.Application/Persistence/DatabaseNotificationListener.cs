using KumaTip.Application.Caching;
using KumaTip.Application.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KumaTip.Application.Persistence;

/// <summary>
/// On PostgreSQL, LISTENs for what other instances announce: a task queued (wake this instance's workers at once), a
/// task changed (wake whoever follows tasks here: the live task views, waiting API calls) and a change that outdates
/// in-memory copies (raise its generation). An instance ignores its own task notifications, since it already
/// signalled in process.
/// </summary>
public sealed class DatabaseNotificationListener(
    DatabaseConnection database,
    AppInstance instance,
    TaskSignal signal,
    ChangeGenerations generations,
    TimeProvider time,
    ILogger<DatabaseNotificationListener> logger) : BackgroundService
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
                connection.Notification += (_, e) => Handle(e.Channel, e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {TaskNotifier.Channel}; LISTEN {TaskNotifier.ChangedChannel}; LISTEN {ChangePublisher.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever changed while this instance was not listening went unheard.
                generations.RaiseAll();
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
                // The slow poll keeps the queue moving meanwhile, and copies expire after their lifetime.
                logger.LogWarning(e, "Listening for database notifications failed; reconnecting");
                await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private void Handle(string channel, string payload)
    {
        if (channel is TaskNotifier.Channel or TaskNotifier.ChangedChannel)
        {
            if (payload == instance.Id)
            {
                return;
            }

            if (channel == TaskNotifier.Channel)
            {
                signal.NotifyWork();
            }

            signal.NotifyChanged();
        }
        else if (channel == ChangePublisher.Channel)
        {
            foreach (var name in payload.Split(ChangePublisher.Separator))
            {
                if (ChangeTopics.TryParse(name, out var topic))
                {
                    generations.Raise(topic);
                }
                else
                {
                    // From a newer version naming a topic this one does not know: drop everything rather than guess.
                    generations.RaiseAll();
                }
            }
        }
    }
}
