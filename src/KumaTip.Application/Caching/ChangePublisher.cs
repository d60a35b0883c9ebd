using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Caching;

/// <summary>
/// Tells every instance that a topic changed: this one at once, the others (on PostgreSQL) through
/// <c>NOTIFY</c>, which PostgreSQL delivers when the surrounding transaction commits. SQLite has a single instance.
/// </summary>
public sealed class ChangePublisher(ChangeGenerations generations)
{
    public const string Channel = "kumatip_changes";

    public async Task PublishAsync(DbContext db, IReadOnlyCollection<ChangeTopic> topics, CancellationToken ct)
    {
        foreach (var topic in topics)
        {
            generations.Raise(topic);
        }

        if (db.Database.IsNpgsql())
        {
            foreach (var topic in topics)
            {
                // The listener of this instance hears it too, after the commit: that second raise also outdates a
                // copy another request read between this raise and the commit.
                await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [Channel, topic.ToString()], ct);
            }
        }
    }

    public Task PublishAsync(AppDbContext db, ChangeTopic topic, CancellationToken ct) => PublishAsync(db, [topic], ct);

    /// <summary>For a transaction committed on SQLite: copies read while it was open are outdated now.</summary>
    public void RaiseLocally(IEnumerable<ChangeTopic> topics)
    {
        foreach (var topic in topics)
        {
            generations.Raise(topic);
        }
    }
}
