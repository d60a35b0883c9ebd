using System.Net;
using System.Text.Json;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.IntegrationTests.ThreatLookup;

/// <summary>Two app instances on one PostgreSQL database, racing for the licence's last requests, never overspend.</summary>
public sealed class QuotaRaceTests(LookupApp<OnPostgres> first) : IClassFixture<LookupApp<OnPostgres>>
{
    [Fact]
    public async Task Two_instances_racing_for_the_last_three_requests_send_exactly_three()
    {
        await using var second = new LookupApp<OnPostgres>
        {
            SharedDatabase = first.ConnectionString,
            SharedDataDirectory = first.DataDirectory,
            SecondInstanceOf = first,
        };
        await ((IAsyncLifetime)second).InitializeAsync();
        var apiFirst = await first.AdminApiClientAsync();
        var apiSecond = await second.AdminApiClientAsync();
        var used = (await apiFirst.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();
        await first.ConfigureAsync(quota: used + 3);
        first.Simulator.Faults = new FaultSettings { LatencyMs = 300 };
        var values = Enumerable.Range(0, 8).Select(i => $"race{i}-{Guid.NewGuid():N}.example.com").ToList();

        var accepted = await Task.WhenAll(values.Select((value, i) =>
            (i % 2 == 0 ? apiFirst : apiSecond).PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = first.MainTenantId })));
        // On a slow machine the first tasks may use the last requests before the last lookups arrive: those are
        // refused at once with the quota message (nothing queued), which is the other correct outcome.
        var taskIds = new List<Guid>();
        foreach (var response in accepted)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                Assert.Equal("quota_exhausted", body.GetProperty("code").GetString());
                continue;
            }

            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            taskIds.Add(body.GetProperty("task").GetProperty("id").GetGuid());
        }

        var finished = new List<JsonElement>();
        foreach (var id in taskIds)
        {
            finished.Add(await apiFirst.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}?waitSeconds=60"));
        }

        first.Simulator.Faults = new FaultSettings();
        Assert.Equal(3, values.Sum(v => first.Simulator.RequestCount(v)));
        Assert.Equal(3, finished.Count(t => t.GetProperty("state").GetString() == "Completed"));
        Assert.All(
            finished.Where(t => t.GetProperty("state").GetString() != "Completed"),
            t => Assert.Contains("are used", t.GetProperty("error").GetString()));
        var quota = await apiFirst.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota");
        Assert.Equal(0, quota.GetProperty("remaining").GetInt32());
        await first.ConfigureAsync();
    }
}
