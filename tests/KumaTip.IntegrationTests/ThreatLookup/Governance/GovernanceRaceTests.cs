using System.Net;
using System.Text.Json;
using KumaTip.Application.Identity;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.IntegrationTests.ThreatLookup.Governance;

/// <summary>
/// Two app instances on one PostgreSQL database, each with its own workers, racing distinct lookups of two analysts of
/// one tenant: neither the tenant's share nor either analyst's daily budget is ever overspent, and what TIP received
/// is exactly what was counted.
/// </summary>
public sealed class GovernanceRaceTests(LookupApp<OnPostgres> first) : IClassFixture<LookupApp<OnPostgres>>
{
    private const int Share = 5;
    private const int DailyBudget = 3;
    private const int LookupsPerAnalystPerInstance = 4;

    [Fact]
    public async Task Two_instances_racing_distinct_lookups_never_overspend_a_share_or_a_daily_budget()
    {
        await using var second = new LookupApp<OnPostgres>
        {
            SharedDatabase = first.ConnectionString,
            SharedDataDirectory = first.DataDirectory,
            SecondInstanceOf = first,
        };
        await ((IAsyncLifetime)second).InitializeAsync();
        await first.NewLicencePeriodAsync(quota: 1000);
        var tenant = await first.CreateTenantAsync();
        var analysts = new[] { await first.CreateUserAsync(Roles.Analyst, tenant), await first.CreateUserAsync(Roles.Analyst, tenant) };
        await (await first.AdminApiClientAsync()).AllocateAsync(DailyBudget, (tenant, Share));
        var clients = new List<(TestUser User, HttpClient Api)>();
        foreach (var analyst in analysts)
        {
            clients.Add((analyst, await first.ApiClientAsync(analyst.UserName, analyst.Password)));
            clients.Add((analyst, await second.ApiClientAsync(analyst.UserName, analyst.Password)));
        }

        first.Simulator.Faults = new FaultSettings { LatencyMs = 300 };
        var lookups = clients
            .SelectMany(c => Enumerable.Range(0, LookupsPerAnalystPerInstance).Select(_ => (c.User, c.Api, Value: GovernanceSteps.NewDomain("race"))))
            .ToList();
        var answers = await Task.WhenAll(lookups.Select(async l => (l.User, l.Api, l.Value, Response: await l.Api.LookUpAsync(l.Value, tenant))));

        // Refused at once (a limit already spent when the lookup arrived), or queued and then completed or refused by
        // the limit when its request was about to be sent: both are correct, overspending is not.
        var refusedCodes = new List<string>();
        var finished = new List<JsonElement>();
        foreach (var answer in answers)
        {
            var body = await answer.Response.Content.ReadFromJsonAsync<JsonElement>();
            if (answer.Response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refusedCodes.Add(body.GetProperty("code").GetString()!);
                continue;
            }

            Assert.Equal(HttpStatusCode.Accepted, answer.Response.StatusCode);
            finished.Add(await answer.Api.WaitForTaskAsync(body.GetProperty("task").GetProperty("id").GetGuid()));
        }

        first.Simulator.Faults = new FaultSettings();
        var usage = await (await first.AdminApiClientAsync()).UsageAsync($"?tenantId={tenant}");
        var sent = lookups.Sum(l => first.Simulator.RequestCount(l.Value));

        Assert.Equal(Share, sent);
        Assert.Equal(Share, usage.TenantLine(tenant).GetProperty("spent").GetInt32());
        Assert.Equal(0, usage.TenantLine(tenant).GetProperty("remaining").GetInt32());
        Assert.All(analysts, a => Assert.InRange(usage.SpentToday(a.UserName, tenant), 0, DailyBudget));
        Assert.All(analysts, a => Assert.InRange(lookups.Where(l => l.User == a).Sum(l => first.Simulator.RequestCount(l.Value)), 0, DailyBudget));
        Assert.Equal(Share, finished.Count(t => t.GetProperty("state").GetString() == "Completed"));
        Assert.All(refusedCodes, code => Assert.Contains(code, new[] { "tenant_share_exhausted", "user_daily_budget_exhausted" }));
        Assert.All(
            finished.Where(t => t.GetProperty("state").GetString() != "Completed"),
            t => Assert.Matches("share of 5|daily budget of 3", t.GetProperty("error").GetString()));
        await (await first.AdminApiClientAsync()).AllocateAsync(null);
    }
}
