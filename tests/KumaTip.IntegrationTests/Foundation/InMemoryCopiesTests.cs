using System.Net;
using System.Text.Json;
using KumaTip.Application.Caching;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.IntegrationTests.ThreatLookup.Settings;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>
/// Token checks, a user's tenants, the tenant list and the Threat Lookup settings are kept in memory. What users
/// rely on: a change made through KumaTip applies from the next request, as it did when every request read them.
/// </summary>
public abstract class InMemoryCopiesTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_withdrawn_tenant_and_a_disabled_account_apply_from_the_next_request()
    {
        var (kept, withdrawn) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        var user = await app.CreateUserAsync(Roles.Analyst, kept, withdrawn);
        var analyst = await app.ApiClientAsync(user.UserName, user.Password);
        var admin = await app.AdminApiClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"/api/v1/tenants/{withdrawn}")).StatusCode);
        Assert.Contains(withdrawn.ToString(), await analyst.GetStringAsync("/api/v1/tenants"));

        var changed = await admin.PutAsJsonAsync($"/api/v1/users/{user.Id}", new { userName = user.UserName, role = Roles.Analyst, tenantIds = new[] { kept } });
        Assert.True(changed.StatusCode == HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"/api/v1/tenants/{withdrawn}")).StatusCode);
        Assert.DoesNotContain(withdrawn.ToString(), await analyst.GetStringAsync("/api/v1/tenants"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/disabled", new { disabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await analyst.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_new_tenant_is_listed_and_changed_settings_apply_from_the_next_request()
    {
        var admin = await app.AdminApiClientAsync();
        Assert.NotNull(await admin.GetStringAsync("/api/v1/tenants"));
        var tenant = await app.CreateTenantAsync();
        Assert.Contains(tenant.ToString(), await admin.GetStringAsync("/api/v1/tenants"));

        var before = await QuotaLimitAsync(admin);
        await ChangeLicenceQuotaAsync(admin, before + 17);
        Assert.Equal(before + 17, await QuotaLimitAsync(admin));
    }

    internal static async Task<int> QuotaLimitAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("limit").GetInt32();

    internal static async Task ChangeLicenceQuotaAsync(HttpClient admin, int quota)
    {
        var s = (await admin.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;
        var saved = await admin.PutAsJsonAsync("/api/v1/settings/threat-lookup", new
        {
            disabled = s.Disabled,
            secretId = s.SecretId,
            proxyId = s.ProxyId,
            baseUrl = s.BaseUrl,
            portalUrl = s.PortalUrl,
            licenceQuota = quota,
            licencePeriodEnd = s.LicencePeriodEnd,
            cacheFreshnessDays = s.CacheFreshnessDays,
            notFoundFreshnessHours = s.NotFoundFreshnessHours,
            maxParallelRequests = s.MaxParallelRequests,
            requestTimeoutSeconds = s.RequestTimeoutSeconds,
            version = s.Version,
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }
}

public sealed class InMemoryCopiesTestsOnSqlite(KumaTipApp<OnSqlite> app) : InMemoryCopiesTests<OnSqlite>(app);

public sealed class InMemoryCopiesTestsOnPostgres(KumaTipApp<OnPostgres> app) : InMemoryCopiesTests<OnPostgres>(app);

/// <summary>
/// Two instances of one deployment on PostgreSQL: a change saved through one reaches the other's in-memory copies
/// through NOTIFY, in far less than the copies' lifetime (60 s), which is only the safety net.
/// </summary>
public sealed class InMemoryCopiesOfTwoInstancesTests(KumaTipApp<OnPostgres> first) : IClassFixture<KumaTipApp<OnPostgres>>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_revocation_a_withdrawn_tenant_and_new_settings_reach_the_other_instance()
    {
        await using var second = new KumaTipApp<OnPostgres> { SharedDatabase = first.ConnectionString, SharedDataDirectory = first.DataDirectory };
        await ((IAsyncLifetime)second).InitializeAsync();
        var (kept, withdrawn) = (await first.CreateTenantAsync(), await first.CreateTenantAsync());
        var user = await first.CreateUserAsync(Roles.Analyst, kept, withdrawn);
        var onFirst = await first.ApiClientAsync(user.UserName, user.Password);
        var onSecond = second.CreateClient();
        onSecond.DefaultRequestHeaders.Authorization = onFirst.DefaultRequestHeaders.Authorization;
        var adminOnFirst = await first.AdminApiClientAsync();
        var adminOnSecond = await second.AdminApiClientAsync();

        // The second instance reads everything once, so it holds copies.
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync($"/api/v1/tenants/{withdrawn}")).StatusCode);
        var limit = await InMemoryCopiesTests<OnPostgres>.QuotaLimitAsync(adminOnSecond);

        await adminOnFirst.PutAsJsonAsync($"/api/v1/users/{user.Id}", new { userName = user.UserName, role = Roles.Analyst, tenantIds = new[] { kept } });
        Assert.True(await EventuallyAsync(async () => (await onSecond.GetAsync($"/api/v1/tenants/{withdrawn}")).StatusCode == HttpStatusCode.NotFound));

        await InMemoryCopiesTests<OnPostgres>.ChangeLicenceQuotaAsync(adminOnFirst, limit + 5);
        Assert.True(await EventuallyAsync(async () => await InMemoryCopiesTests<OnPostgres>.QuotaLimitAsync(adminOnSecond) == limit + 5));

        var tokenId = (await onFirst.GetFromJsonAsync<JsonElement>("/api/v1/tokens"))[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await onFirst.DeleteAsync($"/api/v1/tokens/{tokenId}")).StatusCode);
        Assert.True(await EventuallyAsync(async () => (await onSecond.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task A_change_inside_a_transaction_is_announced_with_its_commit_and_a_committed_one_soon_after_it()
    {
        await using var listener = new NpgsqlConnection(first.ConnectionString);
        await listener.OpenAsync();
        var heard = new List<string>();
        listener.Notification += (_, e) => heard.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangePublisher.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<ChangePublisher>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await publisher.PublishAsync(db, ChangeTopic.LicenceAllocation, CancellationToken.None);
            // Announced before the commit, the other instances would read the old data again and keep it as new.
            await listener.WaitAsync(TimeSpan.FromMilliseconds(500));
            Assert.DoesNotContain(nameof(ChangeTopic.LicenceAllocation), heard);
            await transaction.CommitAsync();
        }

        Assert.True(await HeardAsync(listener, heard, nameof(ChangeTopic.LicenceAllocation)), "The committed change was not announced.");

        // No transaction: committed already, so the announcer sends it off the caller's path.
        await publisher.PublishAsync(db, ChangeTopic.ObservableCache, CancellationToken.None);
        Assert.True(await HeardAsync(listener, heard, nameof(ChangeTopic.ObservableCache)), "The change was not announced.");
    }

    private static async Task<bool> HeardAsync(NpgsqlConnection listener, List<string> heard, string payload)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!heard.Contains(payload) && watch.Elapsed < Deadline)
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
        }

        return heard.Contains(payload);
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < Deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
