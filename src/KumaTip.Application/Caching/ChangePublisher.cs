using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Caching;

/// <summary>
/// Tells every instance that topics changed: this one at once, the others (on PostgreSQL) through a <c>NOTIFY</c>
/// (<see cref="DatabaseAnnouncer"/>): sent off the caller's path once the change is committed, or, inside a transaction,
/// with it, so that PostgreSQL delivers it with the commit. SQLite has a single instance.
/// </summary>
/// <remarks>
/// The listener of this instance hears the notification too, after the commit: that second raise also outdates a
/// copy another request read between the first raise and the commit.
/// </remarks>
public sealed class ChangePublisher(ChangeGenerations generations, DatabaseAnnouncer announcer)
{
    public const string Channel = "kumatip_changes";

    /// <summary>Separates topics in one notification's payload.</summary>
    public const char Separator = ',';

    public async Task PublishAsync(DbContext db, IReadOnlyCollection<ChangeTopic> topics, CancellationToken ct)
    {
        if (NeedsNotifyInTransaction(db, topics))
        {
            await db.Database.ExecuteSqlRawAsync(DatabaseAnnouncer.NotifySql, [Channel, Payload(topics)], ct);
        }
    }

    /// <summary>The same for a synchronous SaveChanges.</summary>
    public void Publish(DbContext db, IReadOnlyCollection<ChangeTopic> topics)
    {
        if (NeedsNotifyInTransaction(db, topics))
        {
            db.Database.ExecuteSqlRaw(DatabaseAnnouncer.NotifySql, Channel, Payload(topics));
        }
    }

    public Task PublishAsync(AppDbContext db, ChangeTopic topic, CancellationToken ct) => PublishAsync(db, [topic], ct);

    /// <summary>
    /// The other instances' part of a publication, added to a batch that runs in a transaction: PostgreSQL delivers it
    /// with the commit and drops it with a rollback. Raise the topic locally once committed.
    /// </summary>
    public static void AddNotification(SqlBatch batch, ChangeTopic topic) => DatabaseAnnouncer.AddTo(batch, Channel, Payload([topic]));

    /// <summary>Also for a transaction committed on SQLite: copies read while it was open are outdated now.</summary>
    public void RaiseLocally(IEnumerable<ChangeTopic> topics)
    {
        foreach (var topic in topics)
        {
            generations.Raise(topic);
        }
    }

    /// <summary>
    /// Raises the topics here and, for a change already committed on PostgreSQL, hands them to the announcer (one
    /// notification per topic, so that the pending ones coalesce across callers). True when the change is inside a
    /// transaction on PostgreSQL: then the caller sends the NOTIFY on the transaction's connection.
    /// </summary>
    private bool NeedsNotifyInTransaction(DbContext db, IReadOnlyCollection<ChangeTopic> topics)
    {
        RaiseLocally(topics);
        if (!db.Database.IsNpgsql())
        {
            return false;
        }

        if (db.Database.CurrentTransaction is not null)
        {
            return true;
        }

        foreach (var topic in topics)
        {
            announcer.Announce(Channel, topic.ToString());
        }

        return false;
    }

    private static string Payload(IEnumerable<ChangeTopic> topics) => string.Join(Separator, topics);
}
