using System.Net;
using System.Text.Json;

namespace KumaTip.IntegrationTests.ThreatLookup;

/// <summary>
/// POST /api/v1/lookups/bulk: up to 100 observables, each one the cache lacks requested once as a single lookup would
/// be; nothing is queued while a line is no observable (unless the caller leaves the bad lines out), while there are
/// more than 100, or while the requests left do not suffice.
/// </summary>
public abstract class BulkLookupTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Each_uncached_observable_is_requested_once_and_cached_private_and_repeated_ones_cost_nothing()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var cached = $"cached-{id}.example.com";
        await LookUpAsync(api, cached);
        string[] values = [$"hxxp://bulk-{id}[.]example[.]com/a.exe", $"bulk-{id}.example.org", cached, "10.1.2.3", "", $"HXXP://BULK-{id}[.]EXAMPLE[.]COM/a.exe"];

        var check = await PostAsync(api, new { values, checkOnly = true });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var plan = await check.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(plan.GetProperty("queued").GetBoolean());
        Assert.Equal(2, plan.GetProperty("cost").GetInt32());
        Assert.Equal(["NotCached", "NotCached", "Cached", "Reserved", "Duplicate"], Statuses(plan));
        Assert.Equal([1, 2, 3, 4, 6], plan.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("line").GetInt32()));
        Assert.Equal($"http://bulk-{id}.example.com/a.exe", Line(plan, 1).GetProperty("value").GetString());
        Assert.Equal(1, Line(plan, 6).GetProperty("duplicateOf").GetInt32());
        Assert.Empty(Tasks(plan));

        var queued = await PostAsync(api, new { values, tenantId = app.MainTenantId });
        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        var done = await queued.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(done.GetProperty("queued").GetBoolean());
        var tasks = Tasks(done);
        Assert.Equal(2, tasks.Count);
        foreach (var task in tasks)
        {
            Assert.Equal("Completed", (await WaitAsync(api, task)).GetProperty("state").GetString());
        }

        Assert.Equal(1, app.Simulator.RequestCount($"http://bulk-{id}.example.com/a.exe"));
        Assert.Equal(1, app.Simulator.RequestCount($"bulk-{id}.example.org"));
        Assert.Equal(1, app.Simulator.RequestCount(cached));
    }

    [Fact]
    public async Task A_bad_line_queues_nothing_unless_left_out_and_a_hundred_and_one_lines_queue_nothing()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var valid = $"valid-{Guid.NewGuid():N}.example.com";
        string[] values = [valid, "not an observable !!"];

        var refused = await PostAsync(api, new { values, tenantId = app.MainTenantId });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bulk_invalid_lines", problem.GetProperty("code").GetString());
        var bad = problem.GetProperty("lines")[1];
        Assert.Equal("Invalid", bad.GetProperty("status").GetString());
        Assert.Equal("observable_unrecognised", bad.GetProperty("error").GetString());
        Assert.Contains("not an observable !!", bad.GetProperty("message").GetString());
        Assert.Equal(0, app.Simulator.RequestCount(valid));
        Assert.DoesNotContain(await api.GetFromJsonAsync<JsonElement[]>("/api/v1/tasks?mine=true&limit=500") ?? [], t => t.GetProperty("title").GetString()!.Contains(valid));

        var leftOut = await PostAsync(api, new { values, tenantId = app.MainTenantId, skipInvalid = true });
        Assert.Equal(HttpStatusCode.OK, leftOut.StatusCode);
        var task = Assert.Single(Tasks(await leftOut.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal("Completed", (await WaitAsync(api, task)).GetProperty("state").GetString());

        var many = Enumerable.Range(1, 101).Select(i => $"many-{i}-{Guid.NewGuid():N}.example.com").ToArray();
        var tooMany = await PostAsync(api, new { values = many, tenantId = app.MainTenantId, skipInvalid = true });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        var tooManyProblem = await tooMany.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bulk_too_many", tooManyProblem.GetProperty("code").GetString());
        Assert.Equal("OverLimit", tooManyProblem.GetProperty("lines")[100].GetProperty("status").GetString());
        Assert.Equal(0, app.Simulator.RequestCount(many[0]));
    }

    [Fact]
    public async Task More_lookups_than_requests_left_queue_nothing()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var used = (await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();
        await app.ConfigureAsync(quota: used + 1);
        try
        {
            string[] values = [$"one-{Guid.NewGuid():N}.example.com", $"two-{Guid.NewGuid():N}.example.com"];
            var refused = await PostAsync(api, new { values, tenantId = app.MainTenantId });

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("quota_insufficient", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(0, app.Simulator.RequestCount(values[0]));
        }
        finally
        {
            await app.ConfigureAsync();
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient api, object body) => api.PostAsJsonAsync("/api/v1/lookups/bulk", body);

    private static string[] Statuses(JsonElement plan) => [.. plan.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("status").GetString()!)];

    private static JsonElement Line(JsonElement plan, int number) =>
        plan.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("line").GetInt32() == number);

    private static List<Guid> Tasks(JsonElement plan) =>
        [.. plan.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("task").ValueKind == JsonValueKind.Object)
            .Select(l => l.GetProperty("task").GetProperty("id").GetGuid())];

    private async Task LookUpAsync(HttpClient api, string value)
    {
        var response = await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await WaitAsync(api, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> WaitAsync(HttpClient api, Guid id)
    {
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

public sealed class BulkLookupTestsOnSqlite(LookupApp<OnSqlite> app) : BulkLookupTests<OnSqlite>(app);

public sealed class BulkLookupTestsOnPostgres(LookupApp<OnPostgres> app) : BulkLookupTests<OnPostgres>(app);
