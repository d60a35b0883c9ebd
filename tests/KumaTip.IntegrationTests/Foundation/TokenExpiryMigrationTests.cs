using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>Personal access tokens made before tokens expired get the lifetime a new one gets by default.</summary>
public abstract class TokenExpiryMigrationTests<TDb>
    where TDb : IDatabaseKind
{
    private static bool OnSqlite => TDb.Provider == "Sqlite";

    [Fact]
    public async Task A_token_made_before_expiry_existed_expires_90_days_after_its_creation()
    {
        var connectionString = await TDb.CreateDatabaseAsync();
        await using var db = OnSqlite
            ? (AppDbContext)new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(connectionString).Options)
            : new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);
        var migrations = db.Database.GetMigrations().ToList();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_PersonalAccessTokenExpiry", StringComparison.Ordinal)) - 1]);

        var user = new AppUser { Id = Guid.NewGuid(), UserName = "old-timer", NormalizedUserName = "OLD-TIMER", SecurityStamp = "stamp" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        await db.Database.ExecuteSqlRawAsync(
            """INSERT INTO "PersonalAccessTokens" ("Id", "Name", "Prefix", "Hash", "CreatedAt", "UserId") VALUES ({0}, 'old', 'ktp_old', {1}, {2}, {3})""",
            Stored(Guid.NewGuid()), new byte[32], OnSqlite ? new DateTimeOffsetToBinaryConverter().ConvertToProvider(created)! : created, Stored(user.Id));

        await migrator.MigrateAsync();

        db.ChangeTracker.Clear();
        Assert.Equal(created.AddDays(PersonalAccessToken.DefaultLifetimeDays), (await db.PersonalAccessTokens.SingleAsync()).ExpiresAt);
    }

    /// <summary>A Guid as the provider stores it (SQLite: upper-case text).</summary>
    private static object Stored(Guid id) => OnSqlite ? id.ToString().ToUpperInvariant() : id;
}

public sealed class TokenExpiryMigrationTestsOnSqlite : TokenExpiryMigrationTests<OnSqlite>;

public sealed class TokenExpiryMigrationTestsOnPostgres : TokenExpiryMigrationTests<OnPostgres>;
