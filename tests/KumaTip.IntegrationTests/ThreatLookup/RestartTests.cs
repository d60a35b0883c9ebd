using System.Text.Json;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.IntegrationTests.ThreatLookup;

/// <summary>The app stops while a lookup waits for TIP; started again, the task completes once.</summary>
public abstract class RestartTests<TDb>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_task_interrupted_by_a_shutdown_completes_once_after_the_restart_counting_each_request_sent()
    {
        var first = new LookupApp<TDb>();
        await ((IAsyncLifetime)first).InitializeAsync();
        var value = $"restart-{Guid.NewGuid():N}.example.com";
        var api = await first.AdminApiClientAsync();
        var usedBefore = (await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();
        first.Simulator.Faults = new FaultSettings { HangNext = 1 };

        var accepted = await (await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = first.MainTenantId })).Content.ReadFromJsonAsync<JsonElement>();
        var taskId = accepted.GetProperty("task").GetProperty("id").GetGuid();
        await WaitUntilAsync(() => first.Simulator.RequestCount(value) == 1);

        // The host is disposed mid-request: the worker hands the task back as it stops.
        await first.StopHostAsync();

        await using var second = new LookupApp<TDb>
        {
            SharedDatabase = first.ConnectionString,
            SharedDataDirectory = first.DataDirectory,
            SecondInstanceOf = first,
        };
        await ((IAsyncLifetime)second).InitializeAsync();
        var api2 = await second.AdminApiClientAsync();
        var task = await api2.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}?waitSeconds=60");
        var usedAfter = (await api2.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();
        var tasks = await api2.GetFromJsonAsync<List<JsonElement>>("/api/v1/tasks?mine=false");
        await ((IAsyncLifetime)first).DisposeAsync(); // its simulator and its data folder (the counts stay readable)

        Assert.Equal("Completed", task.GetProperty("state").GetString());
        Assert.Equal(2, first.Simulator.RequestCount(value));
        Assert.Equal(usedBefore + 2, usedAfter);
        Assert.Single(tasks!, t => t.GetProperty("title").GetString()!.Contains(value, StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), "The request never reached the simulator.");
    }
}

public sealed class RestartTestsOnSqlite : RestartTests<OnSqlite>;

public sealed class RestartTestsOnPostgres : RestartTests<OnPostgres>;
