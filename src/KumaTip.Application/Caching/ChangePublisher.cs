using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Caching;

/// <summary>
/// Tells every instance that topics changed: this one at once, the others (on PostgreSQL) through one
/// <c>NOTIFY</c>, which PostgreSQL delivers when the surrounding transaction commits. SQLite has a single instance.
/// </summary>
/// <remarks>
/// The listener of this instance hears the notification too, after the commit: that second raise also outdates a
/// copy another request read between the first raise and the commit.
/// </remarks>
public sealed class ChangePublisher(ChangeGenerations generations)
{
    public const string Channel = "kumatip_changes";

    /// <summary>Separates topics in one notification's payload.</summary>
    public const char Separator = ',';

    private const string NotifySql = "SELECT pg_notify({0}, {1})";

    public async Task PublishAsync(DbContext db, IReadOnlyCollection<ChangeTopic> topics, CancellationToken ct)
    {
        RaiseLocally(topics);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(NotifySql, [Channel, Payload(topics)], ct);
        }
    }

    /// <summary>The same for a synchronous SaveChanges.</summary>
    public void Publish(DbContext db, IReadOnlyCollection<ChangeTopic> topics)
    {
        RaiseLocally(topics);
        if (db.Database.IsNpgsql())
        {
            db.Database.ExecuteSqlRaw(NotifySql, Channel, Payload(topics));
        }
    }

    public Task PublishAsync(AppDbContext db, ChangeTopic topic, CancellationToken ct) => PublishAsync(db, [topic], ct);

    /// <summary>
    /// The other instances' part of a publication, added to a batch that runs in a transaction: PostgreSQL delivers it
    /// with the commit and drops it with a rollback. Raise the topic locally once committed.
    /// </summary>
    public static void AddNotification(SqlBatch batch, DbContext db, ChangeTopic topic)
    {
        if (db.Database.IsNpgsql())
        {
            batch.Add($"SELECT pg_notify({Channel}, {Payload([topic])})");
        }
    }

    /// <summary>Also for a transaction committed on SQLite: copies read while it was open are outdated now.</summary>
    public void RaiseLocally(IEnumerable<ChangeTopic> topics)
    {
        foreach (var topic in topics)
        {
            generations.Raise(topic);
        }
    }

    private static string Payload(IEnumerable<ChangeTopic> topics) => string.Join(Separator, topics);
}
