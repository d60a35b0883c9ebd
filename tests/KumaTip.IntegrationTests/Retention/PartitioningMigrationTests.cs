using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace KumaTip.IntegrationTests.Retention;

/// <summary>
/// Migration EventRetention turns the events tables of a PostgreSQL database that already holds events into
/// partitioned ones: nothing is lost, ids go on, and new events land in day partitions.
/// </summary>
public sealed class PartitioningMigrationTests
{
    private const string BeforePartitioning = "20261203183111_PersonalAccessTokenExpiry";

    [Fact]
    public async Task A_database_with_events_migrates_keeping_every_event_and_its_observables()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforePartitioning);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tenant = Guid.NewGuid();
        await ExecuteAsync(connection, $"""
            INSERT INTO "Tenants" ("Id", "Name", "CreatedAt") VALUES ('{tenant}', 'Legacy', now());
            INSERT INTO "Events" ("TenantId", "Timestamp", "ReceivedAt", "Name")
                SELECT '{tenant}', now() - (i || ' hours')::interval, now(), 'legacy ' || i FROM generate_series(1, 2000) i;
            INSERT INTO "EventObservables" ("EventId", "TenantId", "ObservableKey", "Type", "Field", "Timestamp", "IsPrivateOrReserved")
                SELECT "Id", "TenantId", 'ip:10.0.0.' || ("Id" % 200), 'Ipv4', 'SourceAddress', "Timestamp", true FROM "Events";
            """);
        var maxId = await ScalarAsync<long>(connection, """SELECT max("Id") FROM "Events" """);

        await migrator.MigrateAsync();

        Assert.Equal(2000L, await ScalarAsync<long>(connection, """SELECT count(*) FROM "Events" """));
        Assert.Equal(2000L, await ScalarAsync<long>(connection, """SELECT count(*) FROM "EventObservables" """));
        Assert.Equal("p", await ScalarAsync<string>(connection, """SELECT relkind::text FROM pg_class WHERE relname = 'Events'"""));
        Assert.Equal("p", await ScalarAsync<string>(connection, """SELECT relkind::text FROM pg_class WHERE relname = 'EventObservables'"""));
        Assert.Equal(2000L, await ScalarAsync<long>(connection, """SELECT count(*) FROM "Events_legacy" """));
        var newId = await ScalarAsync<long>(connection, $"""
            INSERT INTO "Events" ("TenantId", "Timestamp", "ReceivedAt", "Name") VALUES ('{tenant}', now() + interval '1 day', now(), 'new') RETURNING "Id"
            """);
        Assert.True(newId > maxId, $"ids go on: {newId} after {maxId}");
        Assert.Equal(1L, await ScalarAsync<long>(connection, """SELECT count(*) FROM "Events" e WHERE e.tableoid::regclass::text LIKE '"Events_p%' """));
        Assert.True(await ScalarAsync<long>(connection, """SELECT count(*) FROM pg_inherits WHERE inhparent = '"Events"'::regclass""") >= 8);

        // And back: one table each again, every row kept.
        await migrator.MigrateAsync(BeforePartitioning);
        Assert.Equal("r", await ScalarAsync<string>(connection, """SELECT relkind::text FROM pg_class WHERE relname = 'Events'"""));
        Assert.Equal(2001L, await ScalarAsync<long>(connection, """SELECT count(*) FROM "Events" """));
        Assert.Equal(2000L, await ScalarAsync<long>(connection, """SELECT count(*) FROM "EventObservables" """));
    }

    [Fact]
    public async Task An_empty_database_gets_day_partitions_for_the_default_retention_and_a_week_ahead()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        await using var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);
        await db.Database.MigrateAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal(98L, await ScalarAsync<long>(connection, """SELECT count(*) FROM pg_inherits WHERE inhparent = '"Events"'::regclass"""));
        Assert.Equal(98L, await ScalarAsync<long>(connection, """SELECT count(*) FROM pg_inherits WHERE inhparent = '"EventObservables"'::regclass"""));
        Assert.Equal(0L, await ScalarAsync<long>(connection, """SELECT count(*) FROM pg_class WHERE relname LIKE '%legacy%'"""));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
