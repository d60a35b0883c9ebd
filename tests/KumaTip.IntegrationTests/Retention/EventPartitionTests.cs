using KumaTip.Application.Persistence;
using KumaTip.Application.Retention;
using KumaTip.IntegrationTests.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Retention;

/// <summary>
/// PostgreSQL keeps events in daily partitions (ADR 013): a run creates the days ahead and drops whole partitions
/// older than the longest retention, with what they hold.
/// </summary>
public sealed class EventPartitionTests(RetentionApp<OnPostgres> app) : IClassFixture<RetentionApp<OnPostgres>>
{
    [Fact]
    public async Task A_run_creates_partitions_ahead_and_drops_those_older_than_every_retention()
    {
        var tenant = await app.CreateTenantAsync();
        var today = EventPartitions.StartOfDay(DateTimeOffset.UtcNow);
        // A stretch before the oldest day partition, as a longer retention would have made it, holding an event.
        var created = await InScopeAsync(sp => sp.GetRequiredService<EventPartitions>().EnsureAsync(today.AddDays(-200), today, DateTimeOffset.UtcNow, CancellationToken.None));
        var backfill = Assert.Single(created, n => n.StartsWith("Events_p", StringComparison.Ordinal));
        await InScopeAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlAsync(
            $"""INSERT INTO "Events" ("TenantId", "Timestamp", "ReceivedAt", "Name") VALUES ({tenant}, {today.AddDays(-150)}, {today}, 'ancient')"""));

        var report = await InScopeAsync(async sp => (await sp.GetRequiredService<EventRetention>().RunAsync(CancellationToken.None))!);

        Assert.Contains(report.PartitionsDropped, d => d.Name == backfill);
        Assert.Contains(report.PartitionsDropped, d => d.Name == backfill.Replace("Events_", "EventObservables_", StringComparison.Ordinal));
        var partitions = await InScopeAsync(sp => sp.GetRequiredService<EventPartitions>().ListAsync("Events", CancellationToken.None));
        Assert.DoesNotContain(partitions, p => p.Name == backfill);
        Assert.True(partitions.Max(p => p.To) >= today.AddDays(8), "a week ahead is partitioned");
        Assert.True(partitions.Min(p => p.From) >= today.AddDays(-91), "nothing older than the longest retention (90 days) is kept");
        var observables = await InScopeAsync(sp => sp.GetRequiredService<EventPartitions>().ListAsync("EventObservables", CancellationToken.None));
        Assert.Equal(partitions.Select(p => (p.From, p.To)), observables.Select(p => (p.From, p.To)));
        Assert.Empty(await app.StoredEventsAsync(tenant));

        var again = await InScopeAsync(async sp => (await sp.GetRequiredService<EventRetention>().RunAsync(CancellationToken.None))!);
        Assert.Empty(again.PartitionsCreated);
        Assert.Empty(again.PartitionsDropped);
    }

    [Fact]
    public async Task Ten_years_of_days_without_partitions_get_one_partition_per_table_not_one_a_day()
    {
        // Days before today receive only late events: a run of them without a partition gets one partition per table,
        // where one a day would be 3,650 tables, each planned and locked by the queries that cannot name their days.
        // The days from today on, which ingestion writes to, get one a day.
        var now = DateTimeOffset.UtcNow;
        var today = EventPartitions.StartOfDay(now);
        var before = await InScopeAsync(sp => sp.GetRequiredService<EventPartitions>().ListAsync("Events", CancellationToken.None));

        var created = await InScopeAsync(sp => sp.GetRequiredService<EventPartitions>().EnsureAsync(today.AddDays(-3650), today.AddDays(30), now, CancellationToken.None));

        var after = await InScopeAsync(sp => sp.GetRequiredService<EventPartitions>().ListAsync("Events", CancellationToken.None));
        var added = after.Where(p => !before.Exists(b => b.Name == p.Name)).ToList();
        var old = Assert.Single(added, p => p.From < today);
        Assert.Equal((today.AddDays(-3650), before.Min(p => p.From)), (old.From, (DateTimeOffset?)old.To));
        Assert.All(added.Where(p => p != old), p => Assert.Equal(TimeSpan.FromDays(1), p.To - p.From));
        Assert.Equal(after.Max(p => p.To), today.AddDays(30));
        Assert.Equal(2 * added.Count, created.Count); // the observable rows' partitions alike

        // The next run drops what every retention (90 days) has passed, the wide partition included.
        var report = await InScopeAsync(async sp => (await sp.GetRequiredService<EventRetention>().RunAsync(CancellationToken.None))!);
        Assert.Contains(report.PartitionsDropped, d => d.Name == old.Name);
    }

    [Fact]
    public async Task One_run_at_a_time_across_instances()
    {
        // Another instance's run holds the advisory lock: this one does nothing.
        await using var other = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync();
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(5428053908608076110)", other))
        {
            await take.ExecuteScalarAsync();
        }

        Assert.Null(await InScopeAsync(sp => sp.GetRequiredService<EventRetention>().RunAsync(CancellationToken.None)));
        await using (var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock(5428053908608076110)", other))
        {
            await release.ExecuteScalarAsync();
        }

        Assert.NotNull(await InScopeAsync(sp => sp.GetRequiredService<EventRetention>().RunAsync(CancellationToken.None)));
    }

    private Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work) => app.AsAdministratorAsync(work);
}
