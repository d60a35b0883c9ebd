using KumaTip.Application.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Tasks;

/// <summary>Two app instances on one PostgreSQL database share the queue: every task runs exactly once.</summary>
public sealed class TwoInstancesTests(TaskQueueApp<OnPostgres> first) : IClassFixture<TaskQueueApp<OnPostgres>>
{
    [Fact]
    public async Task Two_instances_claim_distinct_tasks_and_run_each_exactly_once()
    {
        // Instances of one deployment share the database and the master key (the Data Protection keys are sealed with it).
        await using var second = new TaskQueueApp<OnPostgres> { SharedDatabase = first.ConnectionString, SharedDataDirectory = first.DataDirectory };
        await ((IAsyncLifetime)second).InitializeAsync();
        var tenant = await first.CreateTenantAsync();
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid().ToString()).ToList();

        // Half the tasks are queued through each instance, so both are woken (in-process and by NOTIFY).
        var queued = await Task.WhenAll(ids.Select((id, i) => (i % 2 == 0 ? first : second).AsAdministratorAsync(async sp =>
            (await sp.GetRequiredService<TaskQueue>().EnqueueAsync(
                new NewTask(ScriptedTaskHandler.TestKind, tenant, "race " + id, ScriptedTaskHandler.Parameters(id, "complete"), null),
                CancellationToken.None)).Value.Task.Id)));
        var finished = await Task.WhenAll(queued.Select(id => first.AsAdministratorAsync(sp =>
            sp.GetRequiredService<TaskQueries>().WaitAsync(id, TimeSpan.FromSeconds(60), CancellationToken.None))));

        Assert.All(finished, t => Assert.Equal(TaskState.Completed, t!.State));
        Assert.All(ids, id => Assert.Equal(1, ScriptedTaskHandler.Executions[id]));
        Assert.All(finished, t => Assert.Equal(1, t!.Attempts));
    }
}
