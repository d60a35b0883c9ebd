using System.Globalization;
using System.Runtime.CompilerServices;
using KumaTip.Application.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace KumaTip.Application.Persistence;

/// <summary>
/// The sending side of <see cref="DatabaseNotificationListener"/>: on PostgreSQL, tells the other instances what changed
/// through <c>NOTIFY</c>, in one of two ways.
/// <list type="bullet">
/// <item>Inside a transaction (<see cref="AddTo"/>): the notification rides in the batch of the change and PostgreSQL
/// delivers it with the commit, or drops it with a rollback.</item>
/// <item>After a commit (<see cref="Announce"/>): the caller does not wait for it. One loop sends what is pending in one
/// round trip, and what comes while it sends goes together in the next: a burst of changes (a worker's outcomes, the
/// cache filled by many lookups) costs PostgreSQL a few notifications, not one each, and no caller a round trip.</item>
/// </list>
/// An announcement lost with its process is what the listeners' periodic safety nets are for (a copy's lifetime, the
/// task views' periodic read): they stand for a connection lost while listening too.
/// </summary>
public sealed class DatabaseAnnouncer(DatabaseConnection database, ILogger<DatabaseAnnouncer> logger) : CoalescingLoop
{
    /// <summary>The statement, with the channel and the payload as its two parameters.</summary>
    public const string NotifySql = "SELECT pg_notify({0}, {1})";

    private readonly Lock _gate = new();
    private readonly HashSet<(string Channel, string Payload)> _pending = [];

    /// <summary>Adds the notification to a batch that runs in a transaction (a no-op off PostgreSQL, a single instance).</summary>
    public static void AddTo(SqlBatch batch, string channel, string payload)
    {
        if (batch.OnPostgres)
        {
            batch.Add(FormattableStringFactory.Create(NotifySql, channel, payload));
        }
    }

    /// <summary>Sends the notification soon, off the caller's path: only for a change already committed.</summary>
    public void Announce(string channel, string payload)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        lock (_gate)
        {
            _pending.Add((channel, payload));
        }

        Wake();
    }

    /// <summary>Only PostgreSQL has other instances to tell; what an instance changed just before it stopped still reaches them.</summary>
    protected override bool Runs => database.Provider == DatabaseProvider.Postgres;

    protected override async Task RunPendingAsync(CancellationToken ct)
    {
        List<(string Channel, string Payload)> due;
        lock (_gate)
        {
            due = [.. _pending];
            _pending.Clear();
        }

        if (due.Count == 0)
        {
            return;
        }

        try
        {
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(ct);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var (channel, payload) in due)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(string.Format(CultureInfo.InvariantCulture, NotifySql, "$1", "$2")) { Parameters = { new() { Value = channel }, new() { Value = payload } } });
            }

            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The change is committed; the other instances catch up through their safety nets.
            logger.LogWarning(e, "Announcing {Count} change(s) to the other instances failed", due.Count);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("Stopped before {Count} change(s) were announced to the other instances", due.Count);
        }
    }
}
