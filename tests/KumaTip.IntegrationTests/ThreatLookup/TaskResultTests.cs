using System.Net;
using System.Text.Json;
using KumaTip.IntegrationTests.ThreatLookupUi;

namespace KumaTip.IntegrationTests.ThreatLookup;

/// <summary>
/// Show result (GET /api/v1/tasks/{id}/result and /Tasks/{id}/Result): which data groups that task fetched and when,
/// whether the cache has newer data since, and the events holding the observable.
/// </summary>
public abstract class TaskResultTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_tasks_result_says_what_it_fetched_and_later_that_the_cache_has_newer_data()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var domain = $"result-{Guid.NewGuid():N}.example.com";

        var first = await LookUpAsync(api, new { value = domain, tenantId = app.MainTenantId });
        var fetched = (await ResultAsync(api, first)).GetProperty("fetchedByTask");
        Assert.Equal(["DomainGeneralInfo", "DomainWhoIsInfo"], fetched.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(1, fetched.GetProperty("requestsSent").GetInt32());
        Assert.False(fetched.GetProperty("newerInCache").GetBoolean());
        var obtained = fetched.GetProperty("obtainedAt").GetDateTimeOffset();
        Assert.True(obtained <= fetched.GetProperty("finishedAt").GetDateTimeOffset());

        var refresh = await LookUpAsync(api, new { value = domain, tenantId = app.MainTenantId, refresh = true, sections = new[] { "DomainGeneralInfo" } });
        var older = (await ResultAsync(api, first)).GetProperty("fetchedByTask");
        var newer = (await ResultAsync(api, refresh)).GetProperty("fetchedByTask");
        Assert.True(older.GetProperty("newerInCache").GetBoolean());
        Assert.Equal(obtained, older.GetProperty("obtainedAt").GetDateTimeOffset());
        Assert.False(newer.GetProperty("newerInCache").GetBoolean());
        Assert.Equal(["DomainGeneralInfo"], newer.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));

        var browser = await app.SignInAsAdminAsync();
        var page = await browser.GetStringAsync($"/Tasks/{first}/Result");
        Assert.Contains("What this task fetched", page);
        Assert.Contains("data-group=\"DomainWhoIsInfo\"", page);
        Assert.Contains("data-testid=\"newer-in-cache\"", page);
        Assert.Contains($"href=\"/Events?observable={Uri.EscapeDataString(domain)}\"", page);
        Assert.Contains("data-testid=\"observable-panel\"", page);
        browser.Russian();
        var russian = await browser.GetStringAsync($"/Tasks/{refresh}/Result");
        Assert.Contains("Что получила эта задача", russian);
        Assert.Contains("События с этим объектом", russian);
        Assert.DoesNotContain("data-testid=\"newer-in-cache\"", russian);
    }

    [Fact]
    public async Task An_unknown_task_has_no_result_page_or_answer()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var response = await api.GetAsync($"/api/v1/tasks/{Guid.NewGuid()}/result");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsAdminAsync()).GetAsync($"/Tasks/{Guid.NewGuid()}/Result")).StatusCode);
    }

    private static async Task<JsonElement> ResultAsync(HttpClient api, Guid task)
    {
        var response = await api.GetAsync($"/api/v1/tasks/{task}/result");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<Guid> LookUpAsync(HttpClient api, object body)
    {
        var response = await api.PostAsJsonAsync("/api/v1/lookups", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
        Assert.Equal("Completed", (await api.WaitForTaskAsync(id)).GetProperty("state").GetString());
        return id;
    }
}

public sealed class TaskResultTestsOnSqlite(LookupApp<OnSqlite> app) : TaskResultTests<OnSqlite>(app);

public sealed class TaskResultTestsOnPostgres(LookupApp<OnPostgres> app) : TaskResultTests<OnPostgres>(app);
