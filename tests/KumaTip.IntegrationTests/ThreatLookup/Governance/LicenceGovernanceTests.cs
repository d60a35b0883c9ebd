using System.Net;
using System.Text.Json;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.TipSimulator.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup.Governance;

/// <summary>
/// Tenant shares, the pool and the per-user daily budget, drawn on by lookups, refreshes, restarts and Test
/// connection; refusals that name their limit and renewal; cached and joined lookups free. Each test counts a licence
/// period of its own and uses tenants and users of its own.
/// </summary>
public abstract class LicenceGovernanceTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_spent_tenant_share_refuses_with_its_code_and_renewal_in_the_readers_language()
    {
        var end = await app.NewLicencePeriodAsync();
        var tenant = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var admin = await app.AdminApiClientAsync();
        await admin.AllocateAsync(null, (tenant, 2));
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);

        var first = await api.LookUpAndWaitAsync(GovernanceSteps.NewDomain("share"), tenant);
        var second = await api.LookUpAndWaitAsync(GovernanceSteps.NewDomain("share"), tenant);
        var refused = await api.LookUpAsync(GovernanceSteps.NewDomain("share"), tenant);
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var refusedInRussian = await api.LookUpAsync(GovernanceSteps.NewDomain("share"), tenant);

        Assert.Equal(["Completed", "Completed"], new[] { first, second }.Select(t => t.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("tenant_share_exhausted", problem.GetProperty("code").GetString());
        var renewsAt = new DateTimeOffset(end.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        Assert.Equal(renewsAt, problem.GetProperty("renewsAt").GetDateTimeOffset());
        Assert.Contains($"share of 2 Threat Lookup requests for this licence period. It renews on {end.AddDays(1):yyyy-MM-dd} 00:00 UTC", problem.GetProperty("title").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        var russian = await refusedInRussian.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("tenant_share_exhausted", russian.GetProperty("code").GetString());
        Assert.Contains("израсходовал свою долю в 2 запросов", russian.GetProperty("title").GetString());
        var usage = await api.UsageAsync();
        Assert.Equal((2, 0), (usage.TenantLine(tenant).GetProperty("spent").GetInt32(), usage.TenantLine(tenant).GetProperty("remaining").GetInt32()));
    }

    [Fact]
    public async Task Tenants_without_a_share_draw_on_the_pool_the_shares_leave()
    {
        await app.NewLicencePeriodAsync(quota: 10);
        var (sharing, pooled) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        var analyst = await app.CreateUserAsync(Roles.Analyst, pooled);
        var admin = await app.AdminApiClientAsync();
        await admin.AllocateAsync(null, (sharing, 9));
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);

        var task = await api.LookUpAndWaitAsync(GovernanceSteps.NewDomain("pool"), pooled);
        var refused = await api.LookUpAsync(GovernanceSteps.NewDomain("pool"), pooled);

        Assert.Equal("Completed", task.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("pool_exhausted", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var pool = (await admin.UsageAsync()).GetProperty("pool");
        Assert.Equal((1, 1, 0), (pool.GetProperty("size").GetInt32(), pool.GetProperty("spent").GetInt32(), pool.GetProperty("remaining").GetInt32()));
        await admin.AllocateAsync(null);
    }

    [Fact]
    public async Task Lookups_refreshes_restarts_and_test_connection_draw_on_the_daily_budget_until_it_refuses()
    {
        await app.NewLicencePeriodAsync();
        var tenant = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var admin = await app.AdminApiClientAsync();
        await admin.AllocateAsync(3);
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);
        var value = GovernanceSteps.NewDomain("budget");

        var looked = await api.LookUpAndWaitAsync(value, tenant);
        var refreshed = await api.LookUpAndWaitAsync(value, tenant, refresh: true);
        var restart = await api.PostAsync($"/api/v1/tasks/{refreshed.GetProperty("id").GetGuid()}/restart", null);
        Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        var restarted = await api.WaitForTaskAsync((await restart.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        var refused = await api.LookUpAsync(GovernanceSteps.NewDomain("budget"), tenant);
        var restartRefused = await api.PostAsync($"/api/v1/tasks/{refreshed.GetProperty("id").GetGuid()}/restart", null);

        Assert.All(new[] { looked, refreshed, restarted }, t => Assert.Equal("Completed", t.GetProperty("state").GetString()));
        Assert.Equal(3, app.Simulator.RequestCount(value));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("user_daily_budget_exhausted", problem.GetProperty("code").GetString());
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        Assert.Equal(new DateTimeOffset(tomorrow.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), problem.GetProperty("renewsAt").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.TooManyRequests, restartRefused.StatusCode);
        var usage = await api.UsageAsync();
        Assert.Equal(3, usage.SpentToday(analyst.UserName, tenant));
        Assert.Equal(0, usage.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("userName").GetString() == analyst.UserName).GetProperty("userBudgetLeft").GetInt32());

        // Test connection is the administrator's own request: his budget, no tenant's share.
        var adminSpent = (await admin.UsageAsync()).SpentToday(AdminBootstrap.AdminUserName);
        await admin.AllocateAsync(adminSpent + 1);
        var tested = await admin.PostAsync("/api/v1/settings/threat-lookup/test", null);
        var testRefused = await admin.PostAsync("/api/v1/settings/threat-lookup/test", null);
        await admin.AllocateAsync(null);

        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, testRefused.StatusCode);
        Assert.Equal("user_daily_budget_exhausted", (await testRefused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var adminUsage = await admin.UsageAsync();
        Assert.Equal(adminSpent + 1, adminUsage.SpentToday(AdminBootstrap.AdminUserName));
        Assert.Contains(adminUsage.GetProperty("days").EnumerateArray(), d => d.GetProperty("tenantId").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task A_request_refused_by_one_limit_right_before_sending_spends_nothing_on_the_others()
    {
        var end = await app.NewLicencePeriodAsync(quota: 10);
        var (sharing, pooled) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        var admin = await app.AdminApiClientAsync();
        await admin.AllocateAsync(2, (sharing, 8));
        var (first, second, third) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        // Two requests empty the pool of 2; the third, by a user with budget left, is refused by the pool.
        var spent = new[] { await SpendAsync(pooled, first), await SpendAsync(pooled, second) };
        var poolRefused = await SpendAsync(pooled, third);
        // The first user's second request (of 2) goes to the other tenant's share; a third is refused by the budget.
        var shared = await SpendAsync(sharing, first);
        var budgetRefused = await SpendAsync(sharing, first);
        await admin.AllocateAsync(null);

        Assert.All(spent.Append(shared), r => Assert.True(r.Succeeded, r.Error?.Message));
        Assert.Equal("pool_exhausted", poolRefused.Error?.Code);
        Assert.Equal("user_daily_budget_exhausted", budgetRefused.Error?.Code);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var counted = await app.AsAdministratorAsync(async sp =>
        {
            var governance = sp.GetRequiredService<LicenceGovernance>();
            var licence = await sp.GetRequiredService<QuotaService>().GetAsync(new LicenceTerms(10, end), CancellationToken.None);
            return (licence.Used,
                Pool: await governance.SpentAsync(LicenceCounterKind.Pool, Guid.Empty, end, CancellationToken.None),
                Share: await governance.SpentAsync(LicenceCounterKind.TenantShare, sharing, end, CancellationToken.None),
                First: await governance.SpentAsync(LicenceCounterKind.UserDay, first, today, CancellationToken.None),
                Third: await governance.SpentAsync(LicenceCounterKind.UserDay, third, today, CancellationToken.None));
        });
        Assert.Equal((3, 2, 1, 2, 0), counted);
        var usage = await admin.UsageAsync();
        Assert.Equal((2, 1, 0), (usage.SpentToday($"user-{first:N}"), usage.SpentToday($"user-{second:N}"), usage.SpentToday($"user-{third:N}")));

        Task<Result> SpendAsync(Guid tenant, Guid user) => app.AsAdministratorAsync(sp =>
            sp.GetRequiredService<LicenceGovernance>().TrySpendAsync(
                new LicenceTerms(10, end), new LicenceSpender(tenant, user, $"user-{user:N}", LicencePurpose.Lookup), CancellationToken.None));
    }

    [Fact]
    public async Task Cached_answers_and_joined_tasks_spend_nothing()
    {
        await app.NewLicencePeriodAsync();
        var tenant = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var admin = await app.AdminApiClientAsync();
        await admin.AllocateAsync(null, (tenant, 5));
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);
        var (cachedValue, joinedValue) = (GovernanceSteps.NewDomain("cached"), GovernanceSteps.NewDomain("joined"));

        await api.LookUpAndWaitAsync(cachedValue, tenant);
        var cached = await api.LookUpAsync(cachedValue, tenant);
        app.Simulator.Faults = new FaultSettings { LatencyMs = 500 };
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.LookUpAsync(joinedValue, tenant)));
        app.Simulator.Faults = new FaultSettings();
        // A lookup that arrives after the task ended is answered from the cache (200), which is free too.
        var bodies = await Task.WhenAll(racing.Where(r => r.StatusCode == HttpStatusCode.Accepted).Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        foreach (var id in bodies.Select(b => b.GetProperty("task").GetProperty("id").GetGuid()).Distinct())
        {
            await api.WaitForTaskAsync(id);
        }

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Contains(bodies, b => b.GetProperty("joined").GetBoolean());
        Assert.Equal(2, (await api.UsageAsync()).TenantLine(tenant).GetProperty("spent").GetInt32());
    }

    [Fact]
    public async Task The_usage_shows_each_tenant_user_and_day_and_only_the_readers_tenants()
    {
        await app.NewLicencePeriodAsync();
        var (mine, theirs) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        var (me, them) = (await app.CreateUserAsync(Roles.Analyst, mine), await app.CreateUserAsync(Roles.Analyst, theirs));
        var admin = await app.AdminApiClientAsync();
        await admin.AllocateAsync(10, (mine, 4));
        var (myApi, theirApi) = (await app.ApiClientAsync(me.UserName, me.Password), await app.ApiClientAsync(them.UserName, them.Password));

        await myApi.LookUpAndWaitAsync(GovernanceSteps.NewDomain("usage"), mine);
        await myApi.LookUpAndWaitAsync(GovernanceSteps.NewDomain("usage"), mine);
        await theirApi.LookUpAndWaitAsync(GovernanceSteps.NewDomain("usage"), theirs);
        var mineSeen = await myApi.UsageAsync();
        var adminSeen = await admin.UsageAsync();
        var foreign = await myApi.UsageAsync($"?tenantId={theirs}");
        var badRange = await myApi.GetAsync("/api/v1/lookups/usage?from=2026-12-31&to=2026-01-01");

        var myTenant = Assert.Single(mineSeen.GetProperty("tenants").EnumerateArray());
        Assert.Equal((mine, 4, 2, 2), (myTenant.GetProperty("tenantId").GetGuid(), myTenant.GetProperty("share").GetInt32(), myTenant.GetProperty("spent").GetInt32(), myTenant.GetProperty("remaining").GetInt32()));
        var myDay = Assert.Single(mineSeen.GetProperty("days").EnumerateArray());
        Assert.Equal((me.UserName, 2, 8), (myDay.GetProperty("userName").GetString(), myDay.GetProperty("spent").GetInt32(), myDay.GetProperty("userBudgetLeft").GetInt32()));
        Assert.DoesNotContain(them.UserName, mineSeen.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(foreign.GetProperty("days").EnumerateArray());
        Assert.Empty(foreign.GetProperty("tenants").EnumerateArray());
        Assert.Equal(1, adminSeen.SpentToday(them.UserName, theirs));
        Assert.Equal(2, adminSeen.SpentToday(me.UserName, mine));
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        await admin.AllocateAsync(null);
    }

    [Fact]
    public async Task Every_page_warns_the_tenants_users_once_ten_percent_or_less_of_its_share_is_left()
    {
        await app.NewLicencePeriodAsync();
        var (low, other) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        var (analyst, outsider) = (await app.CreateUserAsync(Roles.Analyst, low), await app.CreateUserAsync(Roles.Analyst, other));
        var admin = await app.AdminApiClientAsync();
        await admin.AllocateAsync(null, (low, 10), (other, 10));
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var outsiderBrowser = await app.SignInAsync(outsider.UserName, outsider.Password);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => api.LookUpAndWaitAsync(GovernanceSteps.NewDomain("banner"), low)));
        var atTwenty = await browser.PageAsync("/Events");
        await api.LookUpAndWaitAsync(GovernanceSteps.NewDomain("banner"), low);
        var atTen = await browser.PageAsync("/Events");
        var outsiderPage = await outsiderBrowser.PageAsync("/Events");
        await browser.SwitchToRussianAsync();
        var inRussian = await browser.PageAsync("/ThreatLookup/Usage");

        Assert.DoesNotContain("data-testid=\"licence-banner\"", atTwenty, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"licence-banner\"", atTen, StringComparison.Ordinal);
        Assert.Contains("1 of the 10 requests of tenant", atTen, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"licence-banner\"", outsiderPage, StringComparison.Ordinal);
        Assert.Contains("осталось 1 из 10 запросов доли", inRussian, StringComparison.Ordinal);
        Assert.Contains("Использование Threat Lookup", inRussian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_a_general_administrator_divides_the_licence_and_never_beyond_it()
    {
        await app.NewLicencePeriodAsync(quota: 100);
        var tenant = await app.CreateTenantAsync();
        var tenantAdmin = await app.CreateUserAsync(Roles.TenantAdministrator, tenant);
        var admin = await app.AdminApiClientAsync();
        var tenantAdminApi = await app.ApiClientAsync(tenantAdmin.UserName, tenantAdmin.Password);

        var tooMuch = await admin.PutAsJsonAsync("/api/v1/settings/licence-allocation", new { shares = new[] { new { tenantId = tenant, requests = 101 } } });
        var negative = await admin.PutAsJsonAsync("/api/v1/settings/licence-allocation", new { userDailyBudget = -1 });
        var byTenantAdmin = await tenantAdminApi.PutAsJsonAsync("/api/v1/settings/licence-allocation", new { userDailyBudget = 5 });
        await admin.AllocateAsync(7, (tenant, 30));
        var readByTenantAdmin = await tenantAdminApi.GetFromJsonAsync<JsonElement>("/api/v1/settings/licence-allocation");
        await admin.AllocateAsync(null);

        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTenantAdmin.StatusCode);
        var line = Assert.Single(readByTenantAdmin.GetProperty("tenants").EnumerateArray());
        Assert.Equal((tenant, 30), (line.GetProperty("tenantId").GetGuid(), line.GetProperty("requests").GetInt32()));
        Assert.Equal(7, readByTenantAdmin.GetProperty("userDailyBudget").GetInt32());
        Assert.False(readByTenantAdmin.GetProperty("canEdit").GetBoolean());
    }
}

public sealed class LicenceGovernanceTestsOnSqlite(LookupApp<OnSqlite> app) : LicenceGovernanceTests<OnSqlite>(app);

public sealed class LicenceGovernanceTestsOnPostgres(LookupApp<OnPostgres> app) : LicenceGovernanceTests<OnPostgres>(app);
