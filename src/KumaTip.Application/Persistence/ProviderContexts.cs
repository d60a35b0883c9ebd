using KumaTip.Application.Events;
using KumaTip.Application.ThreatLookup.Cache;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KumaTip.Application.Persistence;

/// <summary>The embedded default. Its migrations live in Persistence/Migrations/Sqlite.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; every time here is UTC,
        // so the binary form (ticks and offset) sorts correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

/// <summary>The production store. Its migrations live in Persistence/Migrations/Postgres.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Observable keys are only ever compared for equality, never shown in collation order. Byte order ("C")
        // makes each index insert and probe a memcmp instead of a locale comparison (strcoll), and ingestion writes
        // some eight index entries keyed by them per event. The same collation on every key column keeps joins
        // between them free of collation conflicts.
        builder.Entity<EventObservable>().Property(o => o.ObservableKey).UseCollation("C");
        builder.Entity<ObservableCacheEntry>().Property(e => e.Key).UseCollation("C");
        builder.Entity<ObservableAlias>().Property(a => a.Key).UseCollation("C");
    }
}
