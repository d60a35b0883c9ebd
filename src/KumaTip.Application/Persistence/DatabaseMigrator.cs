using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace KumaTip.Application.Persistence;

/// <summary>Applies the provider's migrations; called by the <c>migrate</c> command and, when configured, at start-up.</summary>
public sealed class DatabaseMigrator(AppDbContext db, ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        // A new database has no history table yet. Reading it anyway (the pending migrations, then Migrate itself) fails
        // on PostgreSQL, which EF Core logs at Error before it carries on: a first start's log would show two errors
        // for nothing. The table is created first, as Migrate would create it (a database that does not exist yet is
        // left to Migrate, which creates it). With the table there, the history is read at once.
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(ct);
        if (exists)
        {
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }

        var pending = (exists ? await db.Database.GetPendingMigrationsAsync(ct) : db.Database.GetMigrations()).ToList();
        if (pending.Count == 0)
        {
            logger.LogInformation("Database schema is up to date");
            return;
        }

        logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets the web requests read while the task worker writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    /// <summary>
    /// The migrations not applied yet: all of them in a database without tables, whose history is then not read
    /// (reading it would log an error on PostgreSQL, see <see cref="MigrateAsync"/>; with Npgsql, asking whether the
    /// history table exists reads it too).
    /// </summary>
    public async Task<IEnumerable<string>> PendingAsync(CancellationToken ct) =>
        await db.GetService<IRelationalDatabaseCreator>().HasTablesAsync(ct)
            ? await db.Database.GetPendingMigrationsAsync(ct)
            : db.Database.GetMigrations();
}
