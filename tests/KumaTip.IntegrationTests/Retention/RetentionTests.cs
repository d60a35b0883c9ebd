using System.Net;
using KumaTip.Application.Events;
using KumaTip.Application.Observables;
using KumaTip.Application.Persistence;
using KumaTip.Application.Retention;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.IntegrationTests.Events;
using KumaTip.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Retention;

/// <summary>The job is off: each test runs it when it means to, in small batches so that a run takes many steps.</summary>
public sealed class RetentionApp<TDb> : KumaTipApp<TDb>
    where TDb : IDatabaseKind
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [.. base.ExtraSettings(), new("Retention:Enabled", "false"), new("Retention:BatchSize", "100"), new("Retention:PauseBetweenBatches", "00:00:00")];
}

/// <summary>
/// Each tenant keeps events for its own number of days (ADR 013): the retention run removes older events and their
/// observable rows in batches, keeps the rest and the other tenants' events, and ingestion going on meanwhile loses
/// nothing. Unused Threat Lookup cache entries are dropped by the same run.
/// </summary>
public abstract class RetentionTests<TDb>(RetentionApp<TDb> app) : IClassFixture<RetentionApp<TDb>>
    where TDb : IDatabaseKind
{
    private static DateTimeOffset DaysAgo(double days) => TruncatedNow().AddDays(-days);

    [Fact]
    public async Task Events_older_than_the_retention_go_with_their_observables_and_the_rest_stays()
    {
        var (tenant, other) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        var host = $"old-{Guid.NewGuid():N}.example.com";
        await app.IngestAsync(tenant, [.. Enumerable.Range(0, 250).Select(i => Sample(DaysAgo(20).AddSeconds(i), $"old {i}", host))]);
        await app.IngestAsync(tenant, [.. Enumerable.Range(0, 3).Select(i => Sample(DaysAgo(2).AddSeconds(i), $"recent {i}", host))]);
        await app.IngestAsync(other, [.. Enumerable.Range(0, 4).Select(i => Sample(DaysAgo(20).AddSeconds(i), $"other {i}", host))]);

        await SetRetentionAsync(tenant, 10);
        var report = await RunAsync();

        Assert.Equal(250, report.EventsDeleted);
        Assert.True(report.ObservableRowsDeleted >= 250);
        var kept = await app.StoredEventsAsync(tenant);
        Assert.Equal(["recent 0", "recent 1", "recent 2"], kept.Select(e => e.Name));
        Assert.All(kept, e => Assert.Contains(e.Observables, o => o.ObservableKey == "domain:" + host));
        Assert.Equal(0, await ObservableRowsAsync(tenant, before: DaysAgo(10)));
        var untouched = await app.StoredEventsAsync(other);
        Assert.Equal(4, untouched.Count);
        Assert.All(untouched, e => Assert.NotEmpty(e.Observables));

        var again = await RunAsync();
        Assert.Equal((0, 0), (again.EventsDeleted, again.ObservableRowsDeleted));
    }

    [Fact]
    public async Task An_event_stays_until_its_whole_day_is_older_than_the_retention()
    {
        // Retention counts whole UTC days, as the daily partitions do: the day that is passing the cutoff is dropped
        // whole once it has passed, not deleted row by row hour after hour.
        var tenant = await app.CreateTenantAsync();
        var cutoffDay = EventPartitions.StartOfDay(DateTimeOffset.UtcNow.AddDays(-10));
        await app.IngestAsync(tenant, [Sample(cutoffDay.AddSeconds(-1), "the day before"), Sample(cutoffDay.AddSeconds(1), "the cutoff day")]);

        await SetRetentionAsync(tenant, 10);
        var report = await RunAsync();

        Assert.Equal(1, report.EventsDeleted);
        Assert.Equal(["the cutoff day"], (await app.StoredEventsAsync(tenant)).Select(e => e.Name));
    }

    [Fact]
    public async Task Ingestion_during_a_run_loses_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        for (var batch = 0; batch < 6; batch++)
        {
            await app.IngestAsync(tenant, [.. Enumerable.Range(0, 200).Select(i => Sample(DaysAgo(30).AddSeconds((batch * 200) + i), $"old {batch}.{i}"))]);
        }

        await SetRetentionAsync(tenant, 7);
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenant));
        var sent = 0;
        using var stop = new CancellationTokenSource();
        var ingesting = Task.Run(async () =>
        {
            for (var batch = 0; !stop.IsCancellationRequested || batch < 3; batch++)
            {
                var events = Enumerable.Range(0, 50).Select(i => Sample(DaysAgo(1).AddSeconds((batch * 50) + i), $"new {batch}.{i}")).ToArray();
                var response = await client.PostAsJsonAsync("/api/v1/events", events);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var report = await response.Content.ReadFromJsonAsync<ReportDto>();
                Assert.Equal(50, report!.Accepted);
                sent += 50;
            }
        });

        var run = await RunAsync();
        await stop.CancelAsync();
        await ingesting;

        Assert.Equal(1200, run.EventsDeleted);
        var stored = await app.StoredEventsAsync(tenant);
        Assert.Equal(sent, stored.Count);
        Assert.All(stored, e => Assert.StartsWith("new ", e.Name));
        Assert.All(stored, e => Assert.NotEmpty(e.Observables));
    }

    [Fact]
    public async Task Events_older_than_the_retention_are_refused_at_ingestion_by_index()
    {
        var tenant = await app.CreateTenantAsync();
        await SetRetentionAsync(tenant, 30);
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenant));

        var response = await client.PostAsJsonAsync("/api/v1/events", new[] { Sample(DaysAgo(31), "too old"), Sample(DaysAgo(29), "kept") });

        var report = await response.Content.ReadFromJsonAsync<ReportDto>();
        Assert.Equal(1, report!.Accepted);
        var refused = Assert.Single(report.Rejected);
        Assert.Equal(0, refused.Index);
        Assert.Contains("older than the tenant keeps events (30 days)", Assert.Single(refused.Errors));
    }

    [Fact]
    public async Task Cache_entries_no_lookup_used_for_the_configured_time_are_dropped_and_used_ones_kept()
    {
        var unused = await CacheAsync(lastUsed: DaysAgo(200), updated: DaysAgo(200));
        var legacyUnused = await CacheAsync(lastUsed: null, updated: DaysAgo(190));
        var recentlyUsed = await CacheAsync(lastUsed: DaysAgo(3), updated: DaysAgo(200));
        var usedNow = await CacheAsync(lastUsed: DaysAgo(200), updated: DaysAgo(200));
        var fetching = await CacheAsync(lastUsed: DaysAgo(200), updated: DaysAgo(200), fetchingUntil: DateTimeOffset.UtcNow.AddMinutes(5));
        await app.AsAdministratorAsync(async sp =>
        {
            var cache = sp.GetRequiredService<ObservableCache>();
            await cache.MarkUsedAsync((await cache.FindAsync(usedNow, CancellationToken.None))!, CancellationToken.None);
            return 0;
        });

        var report = await RunAsync();

        Assert.True(report.CacheEntriesDropped >= 2);
        var left = await app.AsAdministratorAsync(sp => sp.GetRequiredService<AppDbContext>().ObservableCache.AsNoTracking()
            .Where(e => new[] { unused, legacyUnused, recentlyUsed, usedNow, fetching }.Contains(e.Key)).Select(e => e.Key).ToListAsync());
        Assert.Equal(new[] { recentlyUsed, usedNow, fetching }.Order(), left.Order());
        var sectionsLeft = await app.AsAdministratorAsync(sp => sp.GetRequiredService<AppDbContext>().Set<CachedSection>().CountAsync(
            s => sp.GetRequiredService<AppDbContext>().ObservableCache.Any(e => e.Id == s.EntryId && e.Key == unused)));
        Assert.Equal(0, sectionsLeft);
    }

    [Fact]
    public async Task Retention_is_set_per_tenant_through_the_API_within_1_to_365_days()
    {
        var tenant = await app.CreateTenantAsync();
        var api = await app.AdminApiClientAsync();
        var partitions = await PartitionCountAsync();

        var created = await api.GetFromJsonAsync<TenantDto>($"/api/v1/tenants/{tenant}");
        Assert.Equal(90, created!.RetentionDays);
        foreach (var days in new[] { 0, 366, 3650, int.MaxValue, -5 })
        {
            var refused = await api.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { Name = created.Name + " changed", RetentionDays = days });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("retention_out_of_range", problem);
            Assert.Contains(TenantService.RetentionOutOfRangeMessage, problem);
            var notCreated = await api.PostAsJsonAsync("/api/v1/tenants", new { Name = $"Too long {Guid.NewGuid():N}", RetentionDays = days });
            Assert.Equal(HttpStatusCode.BadRequest, notCreated.StatusCode);
            Assert.Contains(TenantService.RetentionOutOfRangeMessage, await notCreated.Content.ReadAsStringAsync());
        }

        Assert.Equal(created, await api.GetFromJsonAsync<TenantDto>($"/api/v1/tenants/{tenant}")); // nothing changed
        Assert.DoesNotContain((await api.GetFromJsonAsync<List<TenantDto>>("/api/v1/tenants"))!, t => t.Name.StartsWith("Too long", StringComparison.Ordinal));
        Assert.Equal(partitions, await PartitionCountAsync());

        var saved = await api.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { created.Name, RetentionDays = Tenant.MaxRetentionDays });
        Assert.Equal(365, (await saved.Content.ReadFromJsonAsync<TenantDto>())!.RetentionDays);
        var renamed = await api.PutAsJsonAsync($"/api/v1/tenants/{tenant}", new { Name = created.Name + " renamed" });
        Assert.Equal(365, (await renamed.Content.ReadFromJsonAsync<TenantDto>())!.RetentionDays); // not given: unchanged

        // A longer retention is accepted at once: events of those days find a partition on PostgreSQL.
        await app.IngestAsync(tenant, Sample(DaysAgo(300), "late"));
    }

    [Fact]
    public async Task The_tenant_edit_page_sets_the_retention_and_explains_a_wrong_one_in_Russian()
    {
        var tenant = await app.CreateTenantAsync();
        var browser = await app.SignInAsAdminAsync();
        var page = $"/Admin/Tenants/Edit/{tenant}";
        Assert.Contains("Keep events for (days)", await browser.GetStringAsync(page));

        var saved = await browser.PostInputAsync(page, new() { ["Name"] = "Kept " + tenant.ToString("N")[..6], ["RetentionDays"] = "30" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(30, (await app.AsAdministratorAsync(sp => sp.GetRequiredService<TenantService>().FindAsync(tenant, CancellationToken.None)))!.RetentionDays);

        browser.DefaultRequestHeaders.AcceptLanguage.Clear();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        foreach (var wrong in new[] { "0", "366", "3650", "many" })
        {
            var refused = await browser.PostInputAsync(page, new() { ["Name"] = "Kept", ["RetentionDays"] = wrong });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Срок хранения должен быть от 1 до 365 дней.", System.Net.WebUtility.HtmlDecode(html));
        }

        Assert.Equal(30, (await app.AsAdministratorAsync(sp => sp.GetRequiredService<TenantService>().FindAsync(tenant, CancellationToken.None)))!.RetentionDays);
    }

    [Fact]
    public async Task A_tenant_is_created_with_its_retention_or_the_default_and_a_wrong_one_adds_nothing()
    {
        var browser = await app.SignInAsAdminAsync();
        var (kept, defaulted, refusedName) = ($"Created kept {Guid.NewGuid():N}"[..24], $"Created default {Guid.NewGuid():N}"[..27], $"Created wrong {Guid.NewGuid():N}"[..25]);

        var saved = await browser.PostInputAsync("/Admin/Tenants", new() { ["Name"] = kept, ["RetentionDays"] = "365" });
        var savedWithDefault = await browser.PostInputAsync("/Admin/Tenants", new() { ["Name"] = defaulted, ["RetentionDays"] = "" });
        var refused = await browser.PostInputAsync("/Admin/Tenants", new() { ["Name"] = refusedName, ["RetentionDays"] = "0" });
        var tooLong = await browser.PostInputAsync("/Admin/Tenants", new() { ["Name"] = refusedName, ["RetentionDays"] = "3650" });
        var unreadable = await browser.PostInputAsync("/Admin/Tenants", new() { ["Name"] = refusedName, ["RetentionDays"] = "many" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, savedWithDefault.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(TenantService.RetentionOutOfRangeMessage, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains(TenantService.RetentionOutOfRangeMessage, System.Net.WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, unreadable.StatusCode);
        var unreadablePage = System.Net.WebUtility.HtmlDecode(await unreadable.Content.ReadAsStringAsync());
        Assert.Contains(TenantService.RetentionOutOfRangeMessage, unreadablePage);
        Assert.Contains(refusedName, unreadablePage); // the name stays as typed
        var tenants = await app.AsAdministratorAsync(async sp => await sp.GetRequiredService<TenantService>().ListAsync(CancellationToken.None));
        Assert.Equal(365, tenants.Single(t => t.Name == kept).RetentionDays);
        Assert.Equal(Tenant.DefaultRetentionDays, tenants.Single(t => t.Name == defaulted).RetentionDays);
        Assert.DoesNotContain(tenants, t => t.Name == refusedName);
    }

    [Fact]
    public async Task The_longest_retention_adds_one_partition_for_the_days_it_reaches_back_to_not_one_a_day()
    {
        // A retention made longer reaches back to days that only late events arrive for: on PostgreSQL they go into
        // one partition per table, and the run after keeps it so; the day partitions stay those of the days that
        // receive events (ADR 015). A late event of those days is stored.
        var tenant = await app.CreateTenantAsync();
        var before = await PartitionCountAsync();

        await SetRetentionAsync(tenant, Tenant.MaxRetentionDays);
        var created = await PartitionCountAsync() - before;
        await RunAsync();
        await app.IngestAsync(tenant, Sample(DaysAgo(Tenant.MaxRetentionDays - 1), "late by a year"));

        Assert.InRange(created, 0, 1);
        Assert.InRange(await PartitionCountAsync(), before, before + 2); // the run may add the next day ahead
        Assert.Contains("late by a year", (await app.StoredEventsAsync(tenant)).Select(e => e.Name));
    }

    /// <summary>The partitions of Events on PostgreSQL; 0 on SQLite, which has none.</summary>
    private Task<int> PartitionCountAsync() => app.AsAdministratorAsync(async sp =>
        sp.GetRequiredService<AppDbContext>().Database.IsNpgsql()
            ? (await sp.GetRequiredService<EventPartitions>().ListAsync("Events", CancellationToken.None)).Count
            : 0);

    protected Task<RetentionReport> RunAsync() => app.AsAdministratorAsync(async sp =>
        await sp.GetRequiredService<EventRetention>().RunAsync(CancellationToken.None) ?? throw new InvalidOperationException("Another run held the lock."));

    protected Task SetRetentionAsync(Guid tenant, int days) => app.AsAdministratorAsync(async sp =>
    {
        var tenants = sp.GetRequiredService<TenantService>();
        var current = (await tenants.FindAsync(tenant, CancellationToken.None))!;
        var saved = await tenants.UpdateAsync(tenant, new TenantInput(current.Name, current.Description, days), CancellationToken.None);
        Assert.True(saved.Succeeded, saved.Error?.Message);
        return 0;
    });

    private Task<int> ObservableRowsAsync(Guid tenant, DateTimeOffset before) => app.AsAdministratorAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Set<EventObservable>().CountAsync(o => o.TenantId == tenant && o.Timestamp < before));

    private Task<string> CacheAsync(DateTimeOffset? lastUsed, DateTimeOffset updated, DateTimeOffset? fetchingUntil = null) => app.AsAdministratorAsync(async sp =>
    {
        var observable = ObservableParser.Parse($"cached-{Guid.NewGuid():N}.example.com").Value!;
        var entry = new ObservableCacheEntry
        {
            Id = Guid.CreateVersion7(),
            Key = observable.Key,
            TipType = observable.TipType,
            Value = observable.Value,
            Zone = TipZone.Green,
            UpdatedAt = updated,
            LastUsedAt = lastUsed,
            FetchingUntil = fetchingUntil,
        };
        entry.Sections.Add(new CachedSection { EntryId = entry.Id, Name = "DomainGeneralInfo", Json = "{}", ObtainedAt = updated });
        var db = sp.GetRequiredService<AppDbContext>();
        db.ObservableCache.Add(entry);
        await db.SaveChangesAsync();
        return entry.Key;
    });

    private static object Sample(DateTimeOffset at, string name, string? host = null) =>
        EventTesting.Sample(at, name, new { DestinationHostName = host ?? "www.example.com", SourceAddress = "10.1.2.3" });

    private static DateTimeOffset TruncatedNow()
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}

public sealed class RetentionTestsOnSqlite(RetentionApp<OnSqlite> app) : RetentionTests<OnSqlite>(app);

public sealed class RetentionTestsOnPostgres(RetentionApp<OnPostgres> app) : RetentionTests<OnPostgres>(app);
