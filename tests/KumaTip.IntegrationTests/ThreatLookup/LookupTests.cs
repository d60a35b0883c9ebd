using System.Net;
using System.Text.Json;
using KumaTip.Application.Identity;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup;

public abstract class LookupTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Click_to_result_then_the_same_request_is_answered_from_the_cache_without_a_request()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var before = app.Simulator.RequestCount(SimulatorFixtures.PhishingUrl);

        var first = await api.PostAsJsonAsync("/api/v1/lookups", new { value = SimulatorFixtures.PhishingUrl, tenantId = app.MainTenantId });
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var task = await WaitForTaskAsync(api, first);
        Assert.Equal("Completed", task.GetProperty("state").GetString());

        var result = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{task.GetProperty("id").GetGuid()}/result");
        Assert.Equal("Red", result.GetProperty("zone").GetString());
        Assert.Contains("CATEGORY_PHISHING", Section(result, "UrlGeneralInfo").GetRawText());
        Assert.Equal("dd.daywinners.com", Section(result, "UrlGeneralInfo").GetProperty("Host").GetString());

        var again = await api.PostAsJsonAsync("/api/v1/lookups", new { value = SimulatorFixtures.PhishingUrl, tenantId = app.MainTenantId });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Red", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("zone").GetString());
        Assert.Equal(before + 1, app.Simulator.RequestCount(SimulatorFixtures.PhishingUrl));
    }

    [Fact]
    public async Task A_hundred_concurrent_requests_for_one_observable_send_one_upstream_request_and_log_no_error()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var trace = CapturedLogs.Trace(api);
        var value = $"burst-{Guid.NewGuid():N}.example.com";

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId })));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, r.StatusCode.ToString()));
        var bodies = new List<JsonElement>();
        foreach (var response in responses.Where(r => r.StatusCode == HttpStatusCode.Accepted))
        {
            bodies.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }

        // Requests that arrive while the first task runs join it. One that read the cache a moment before the task
        // stored its answer may queue a second task; that task finds the answer in the cache and spends nothing.
        var tasks = bodies.DistinctBy(b => b.GetProperty("task").GetProperty("id").GetGuid()).ToList();
        foreach (var task in tasks)
        {
            Assert.Equal("Completed", (await WaitForTaskAsync(api, task)).GetProperty("state").GetString());
        }

        Assert.True(tasks.Count < 10, $"{tasks.Count} tasks for one observable: requests did not join the running task.");
        Assert.Equal(1, app.Simulator.RequestCount(value));
        CapturedLogs.AssertNoErrorIn(trace); // a request that lost the race to queue the task joined it quietly
    }

    [Fact]
    public async Task A_second_request_for_other_data_groups_fetches_only_those()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        // A fixture the simulator knows (an arbitrary name may be "not found", which answers every group at once).
        var value = SimulatorFixtures.PhishingDomain;
        var before = app.Simulator.RequestCount(value);

        await WaitForTaskAsync(api, await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId, sections = new[] { "DomainGeneralInfo" } }));
        var second = await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId, sections = new[] { "DomainGeneralInfo", "DomainDnsResolutions" } });
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var body = await second.Content.ReadFromJsonAsync<JsonElement>();
        await WaitForTaskAsync(api, body);
        var third = await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId, sections = new[] { "DomainGeneralInfo", "DomainDnsResolutions" } });

        Assert.Equal(["DomainDnsResolutions"], body.GetProperty("sections").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(before + 2, app.Simulator.RequestCount(value));
    }

    [Fact]
    public async Task A_file_looked_up_by_MD5_and_then_by_its_SHA256_is_one_upstream_request()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var file = SimulatorFixtures.AdwareFile;

        await WaitForTaskAsync(api, await api.PostAsJsonAsync("/api/v1/lookups", new { value = file.Md5, tenantId = app.MainTenantId }));
        var bySha256 = await api.PostAsJsonAsync("/api/v1/lookups", new { value = file.Sha256.ToUpperInvariant(), tenantId = app.MainTenantId });

        Assert.Equal(HttpStatusCode.OK, bySha256.StatusCode);
        Assert.Equal(1, app.Simulator.RequestCount(file.Md5) + app.Simulator.RequestCount(file.Sha256));
    }

    [Fact]
    public async Task Transient_faults_are_retried_and_the_task_completes_counting_every_attempt()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var value = $"flaky-{Guid.NewGuid():N}.example.net";
        var quotaBefore = await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota");
        app.Simulator.Faults = app.Simulator.Faults with { ServerErrorNext = 2 };

        var task = await WaitForTaskAsync(api, await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId }));
        var quotaAfter = await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota");

        Assert.Equal("Completed", task.GetProperty("state").GetString());
        Assert.Equal(3, app.Simulator.RequestCount(value));
        Assert.Equal(quotaBefore.GetProperty("used").GetInt32() + 3, quotaAfter.GetProperty("used").GetInt32());
    }

    [Fact]
    public async Task An_answer_over_the_size_limit_fails_the_task_for_good_caches_nothing_and_counts_the_request()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var value = $"huge-{Guid.NewGuid():N}.example.com";
        var usedBefore = (await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();
        app.Simulator.Faults = new FaultSettings { HugeAnswerNext = 1 };

        var task = await WaitForTaskAsync(api, await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId }));
        var usedAfter = (await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();
        var entry = await app.AsAdministratorAsync(sp => sp.GetRequiredService<ObservableCache>().FindAsync("domain:" + value, CancellationToken.None));

        Assert.Equal("Failed", task.GetProperty("state").GetString());
        Assert.Equal(1, task.GetProperty("attempts").GetInt32());
        Assert.Contains("larger than the 32 MiB KumaTip reads", task.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, app.Simulator.RequestCount(value));
        Assert.Equal(usedBefore + 1, usedAfter);
        Assert.Null(entry!.UpdatedAt);
        Assert.Empty(entry.Sections);
        Assert.Null(entry.FetchOwner);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/observables/domain/{value}")).StatusCode);
    }

    [Fact]
    public async Task Wrong_credentials_fail_the_task_with_a_message_a_user_can_act_on_without_retrying()
    {
        var wrong = await app.StoreSecretAsync("wrong password", "not-the-password");
        await app.ConfigureAsync(secretId: wrong);
        var api = await app.AdminApiClientAsync();
        var value = $"denied-{Guid.NewGuid():N}.example.com";
        try
        {
            var task = await WaitForTaskAsync(api, await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId }));

            Assert.Equal("Failed", task.GetProperty("state").GetString());
            Assert.Contains("Terms and Conditions", task.GetProperty("error").GetString());
            Assert.Equal(1, app.Simulator.RequestCount(value));
        }
        finally
        {
            await app.ConfigureAsync();
        }
    }

    [Fact]
    public async Task With_no_quota_left_a_request_is_refused_at_once_and_cached_data_still_answers()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var cachedValue = $"cached-{Guid.NewGuid():N}.example.com";
        await WaitForTaskAsync(api, await api.PostAsJsonAsync("/api/v1/lookups", new { value = cachedValue, tenantId = app.MainTenantId }));
        // The settings accept at least 1 request per period: use up the budget by setting it to what is used.
        var used = (await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();
        await app.ConfigureAsync(quota: used);
        try
        {
            var tasksBefore = (await api.GetFromJsonAsync<List<JsonElement>>("/api/v1/tasks?mine=false"))!.Count;
            var refused = await api.PostAsJsonAsync("/api/v1/lookups", new { value = $"new-{Guid.NewGuid():N}.example.com", tenantId = app.MainTenantId });
            var cached = await api.PostAsJsonAsync("/api/v1/lookups", new { value = cachedValue, tenantId = app.MainTenantId });

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("quota_exhausted", problem.GetProperty("code").GetString());
            Assert.Contains("Cached data is still available", problem.GetProperty("title").GetString());
            Assert.Equal(tasksBefore, (await api.GetFromJsonAsync<List<JsonElement>>("/api/v1/tasks?mine=false"))!.Count);
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }
        finally
        {
            await app.ConfigureAsync();
        }
    }

    [Fact]
    public async Task A_private_address_is_refused_before_any_request_is_spent()
    {
        var api = await app.AdminApiClientAsync();

        var response = await api.PostAsJsonAsync("/api/v1/lookups", new { value = "10.1.2.3", tenantId = app.MainTenantId });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("observable_reserved", problem.GetProperty("code").GetString());
        Assert.Equal("10.1.2.3: 10.0.0.0/8 is a private network (RFC 1918): Threat Lookup knows nothing useful about it. No request is spent.", problem.GetProperty("title").GetString());
        Assert.Equal(0, app.Simulator.RequestCount("10.1.2.3"));
    }

    [Fact]
    public async Task Another_tenant_cannot_see_a_lookup_task_or_its_result()
    {
        await app.ConfigureAsync();
        var tenantB = await app.CreateTenantAsync();
        var analystMain = await app.CreateUserAsync(Roles.Analyst, app.MainTenantId);
        var analystB = await app.CreateUserAsync(Roles.Analyst, tenantB);
        var apiMain = await app.ApiClientAsync(analystMain.UserName, analystMain.Password);
        var apiB = await app.ApiClientAsync(analystB.UserName, analystB.Password);

        var task = await WaitForTaskAsync(apiMain, await apiMain.PostAsJsonAsync("/api/v1/lookups", new { value = $"mine-{Guid.NewGuid():N}.example.com" }));
        var id = task.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await apiMain.GetAsync($"/api/v1/tasks/{id}/result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.GetAsync($"/api/v1/tasks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.GetAsync($"/api/v1/tasks/{id}/result")).StatusCode);
    }

    [Fact]
    public async Task Test_connection_sends_one_request_and_shows_the_certificates_and_LicenseInfo()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var usedBefore = (await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();

        var response = await api.PostAsync("/api/v1/settings/threat-lookup/test", null);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        var quota = await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(result.GetProperty("succeeded").GetBoolean());
        Assert.Contains("CN=", result.GetProperty("clientCertificate").GetProperty("subject").GetString());
        Assert.NotEmpty(result.GetProperty("serverCertificateChain").EnumerateArray());
        Assert.False(result.GetProperty("proxyUsed").GetBoolean());
        Assert.True(result.GetProperty("license").GetProperty("dayQuota").GetInt64() > 0);
        Assert.Equal(usedBefore + 1, quota.GetProperty("used").GetInt32());
        Assert.True(quota.GetProperty("dayQuota").GetInt64() > 0);
    }

    [Fact]
    public async Task Test_connection_on_the_settings_page_reports_LicenseInfo()
    {
        await app.ConfigureAsync();
        var browser = await app.SignInAsAdminAsync();

        var response = await browser.PostFormAsync("/Settings/ThreatLookup", [], handler: "Test");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"test-result\"", html);
        Assert.Contains("Connected: TIP answered 200", html);
        Assert.Contains("requests today:", html);
    }

    private static JsonElement Section(JsonElement observable, string name) =>
        observable.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("data");

    private static async Task<JsonElement> WaitForTaskAsync(HttpClient api, HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return await WaitForTaskAsync(api, await accepted.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<JsonElement> WaitForTaskAsync(HttpClient api, JsonElement accepted)
    {
        var id = accepted.GetProperty("task").GetProperty("id").GetGuid();
        for (var i = 0; i < 3; i++)
        {
            var task = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}?waitSeconds=30");
            if (task.GetProperty("state").GetString() is "Completed" or "Failed" or "Cancelled")
            {
                return task;
            }
        }

        throw new TimeoutException($"Task {id} did not finish.");
    }
}

public sealed class LookupTestsOnSqlite(LookupApp<OnSqlite> app) : LookupTests<OnSqlite>(app);

public sealed class LookupTestsOnPostgres(LookupApp<OnPostgres> app) : LookupTests<OnPostgres>(app);
