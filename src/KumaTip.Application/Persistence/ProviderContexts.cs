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

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The retention job removes a tenant's observable rows older than its retention in batches (ADR 013). SQLite
        // has no partitions to drop, and the primary key orders a tenant's rows by key first: without this index
        // every batch would read all of the tenant's rows. PostgreSQL drops whole partitions instead.
        builder.Entity<EventObservable>().HasIndex(o => new { o.TenantId, o.Timestamp }).HasDatabaseName("IX_EventObservables_Tenant_Timestamp");
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

        // Events are partitioned by day of Timestamp (migration EventRetention, ADR 013), and PostgreSQL requires the
        // partition key in every unique index: the primary key is (Id, Timestamp). Ids still come from one sequence,
        // so Id alone stays unique. SQLite keeps Id alone, its rowid.
        builder.Entity<Event>().HasKey(e => new { e.Id, e.Timestamp });
    }
}
