using System.Net;
using System.Text.Json;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.TipSimulator.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup;

/// <summary>The lookup app with a task lease, and so a fetch lease, of 2 seconds: shorter than a slow TIP answer.</summary>
public sealed class ShortLeaseLookupApp<TDb> : LookupApp<TDb>
    where TDb : IDatabaseKind
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [.. base.ExtraSettings(), new("Tasks:LeaseDuration", "00:00:02")];
}

/// <summary>One fetch per observable across tenants: the lease has an owner, lasts while its task runs, and is only its owner's to end.</summary>
public abstract class FetchLeaseTests<TDb>(ShortLeaseLookupApp<TDb> app) : IClassFixture<ShortLeaseLookupApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_request_slower_than_the_lease_keeps_it_so_another_tenants_task_waits_and_sends_nothing()
    {
        await app.ConfigureAsync();
        var tenantB = await app.CreateTenantAsync();
        var api = await app.AdminApiClientAsync();
        var value = $"slow-{Guid.NewGuid():N}.example.com";
        app.Simulator.Faults = new FaultSettings { LatencyMs = 5_000 };
        try
        {
            var tasks = await FetchLeaseSteps.LookUpFromBothTenantsAsync(api, api, value, app.MainTenantId, tenantB);

            Assert.All(tasks, t => Assert.Equal("Completed", t.GetProperty("state").GetString()));
            Assert.Equal(1, app.Simulator.RequestCount(value));
        }
        finally
        {
            app.Simulator.Faults = new FaultSettings();
        }
    }

    [Fact]
    public async Task Only_the_task_holding_the_fetch_lease_can_end_it_or_store_under_it()
    {
        var observable = ObservableParser.Parse($"lease-{Guid.NewGuid():N}.example.com", null).Value!;
        var (holder, other) = (Guid.NewGuid(), Guid.NewGuid());
        var lease = (await InCacheAsync(cache => cache.TryBeginFetchAsync(observable, holder, CancellationToken.None)))!;
        var forged = lease with { Owner = other };
        var answer = TipAnswer.Parse("""{"Zone":"Red","DomainGeneralInfo":{}}""").Value!;

        await InCacheAsync(cache => cache.EndFetchAsync(forged, CancellationToken.None));
        var storedByOther = await InCacheAsync(cache => cache.StoreAsync(forged, answer, ["DomainGeneralInfo"], CancellationToken.None));
        var notFoundByOther = await InCacheAsync(cache => cache.StoreNotFoundAsync(forged, CancellationToken.None));
        var takenWhileHeld = await InCacheAsync(cache => cache.TryBeginFetchAsync(observable, other, CancellationToken.None));
        await InCacheAsync(cache => cache.EndFetchAsync(lease, CancellationToken.None));
        var takenOnceEnded = await InCacheAsync(cache => cache.TryBeginFetchAsync(observable, other, CancellationToken.None));
        var storedByFormerHolder = await InCacheAsync(cache => cache.StoreAsync(lease, answer, ["DomainGeneralInfo"], CancellationToken.None));

        Assert.False(storedByOther);
        Assert.False(notFoundByOther);
        Assert.Null(takenWhileHeld);
        Assert.NotNull(takenOnceEnded);
        Assert.False(storedByFormerHolder);
        var entry = await InCacheAsync(cache => cache.FindAsync(observable.Key, CancellationToken.None));
        Assert.Null(entry!.UpdatedAt);
        Assert.Empty(entry.Sections);
        Assert.Equal(other, entry.FetchOwner);
    }

    private Task<T> InCacheAsync<T>(Func<ObservableCache, Task<T>> work) =>
        app.AsAdministratorAsync(sp => work(sp.GetRequiredService<ObservableCache>()));

    private Task<int> InCacheAsync(Func<ObservableCache, Task> work) =>
        app.AsAdministratorAsync(async sp =>
        {
            await work(sp.GetRequiredService<ObservableCache>());
            return 0;
        });
}

public sealed class FetchLeaseTestsOnSqlite(ShortLeaseLookupApp<OnSqlite> app) : FetchLeaseTests<OnSqlite>(app);

public sealed class FetchLeaseTestsOnPostgres(ShortLeaseLookupApp<OnPostgres> app) : FetchLeaseTests<OnPostgres>(app);

/// <summary>Two app instances on one PostgreSQL database: a slow fetch in one keeps the other's task of another tenant waiting.</summary>
public sealed class FetchLeaseTwoInstancesTests(ShortLeaseLookupApp<OnPostgres> first) : IClassFixture<ShortLeaseLookupApp<OnPostgres>>
{
    [Fact]
    public async Task A_slow_fetch_in_one_instance_is_not_repeated_by_the_other()
    {
        await using var second = new ShortLeaseLookupApp<OnPostgres>
        {
            SharedDatabase = first.ConnectionString,
            SharedDataDirectory = first.DataDirectory,
            SecondInstanceOf = first,
        };
        await ((IAsyncLifetime)second).InitializeAsync();
        await first.ConfigureAsync();
        var tenantB = await first.CreateTenantAsync();
        var value = $"slow-{Guid.NewGuid():N}.example.com";
        first.Simulator.Faults = new FaultSettings { LatencyMs = 5_000 };
        try
        {
            var tasks = await FetchLeaseSteps.LookUpFromBothTenantsAsync(
                await first.AdminApiClientAsync(), await second.AdminApiClientAsync(), value, first.MainTenantId, tenantB);

            Assert.All(tasks, t => Assert.Equal("Completed", t.GetProperty("state").GetString()));
            Assert.Equal(1, first.Simulator.RequestCount(value));
        }
        finally
        {
            first.Simulator.Faults = new FaultSettings();
        }
    }
}

internal static class FetchLeaseSteps
{
    /// <summary>
    /// Looks <paramref name="value"/> up for tenant A through <paramref name="apiA"/>, then at once for tenant B through
    /// <paramref name="apiB"/>: two tasks (tenants do not join each other's), one observable. Returns both, finished.
    /// </summary>
    public static async Task<JsonElement[]> LookUpFromBothTenantsAsync(HttpClient apiA, HttpClient apiB, string value, Guid tenantA, Guid tenantB)
    {
        var first = await apiA.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = tenantA });
        var second = await apiB.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = tenantB });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var ids = new[] { first, second }.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid());
        var finished = new List<JsonElement>();
        foreach (var id in await Task.WhenAll(ids))
        {
            finished.Add(await apiA.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}?waitSeconds=60"));
        }

        return [.. finished];
    }
}
