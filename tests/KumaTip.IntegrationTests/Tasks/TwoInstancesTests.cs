using KumaTip.Application.Persistence;
using KumaTip.Application.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    [Fact]
    public async Task A_queued_task_is_announced_to_the_other_instances_and_an_insert_that_lost_to_the_same_work_wakes_nobody()
    {
        await using var listener = new NpgsqlConnection(first.ConnectionString);
        await listener.OpenAsync();
        var heard = new List<string>();
        listener.Notification += (_, e) => heard.Add(e.Channel);
        await using (var listen = new NpgsqlCommand($"LISTEN {TaskNotifier.Channel}; LISTEN {TaskNotifier.ChangedChannel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var tenant = await first.CreateTenantAsync();
        var id = Guid.NewGuid().ToString();
        var queued = await first.AsAdministratorAsync(async sp => (await sp.GetRequiredService<TaskQueue>().EnqueueAsync(
            new NewTask(ScriptedTaskHandler.TestKind, tenant, "woken " + id, ScriptedTaskHandler.Parameters(id, "block"), "same-work-" + id),
            CancellationToken.None)).Value.Task);
        await listener.WaitAsync(TimeSpan.FromSeconds(5));
        var afterQueued = heard.ToList();

        // A request that looked before the first insert and inserts after it, as TaskQueue does when two race: its row
        // loses to the unique index on active work, and its wake-up goes with it.
        var inserted = await first.AsAdministratorAsync(async sp =>
        {
            await using var batch = new SqlBatch(sp.GetRequiredService<AppDbContext>());
            var rival = new TaskItem
            {
                Id = Guid.CreateVersion7(),
                Kind = queued.Kind,
                TenantId = tenant,
                Title = queued.Title,
                Parameters = queued.Parameters,
                DeduplicationKey = queued.DeduplicationKey,
                CreatedByName = "rival",
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
                AvailableAt = DateTimeOffset.UtcNow,
                MaxAttempts = 1,
            };
            batch.AddInsertUnlessConflicting(rival);
            sp.GetRequiredService<TaskNotifier>().TaskQueued(batch, rival);
            return (await batch.ExecuteAsync(CancellationToken.None))[0];
        });
        await listener.WaitAsync(TimeSpan.FromMilliseconds(500));
        await first.AsAdministratorAsync(sp => sp.GetRequiredService<TaskQueue>().CancelAsync(queued.Id, CancellationToken.None));

        // The other instances' workers are woken, unless a worker of this one was handed the task as it was queued:
        // then only their live views hear of it.
        var handed = queued.State == TaskState.Running;
        Assert.Equal(handed ? TaskNotifier.ChangedChannel : TaskNotifier.Channel, afterQueued.FirstOrDefault());
        Assert.Equal(0, inserted);
        Assert.Equal(handed ? 0 : 1, heard.Count(channel => channel == TaskNotifier.Channel));
    }

    [Fact]
    public async Task A_task_finished_by_one_instance_wakes_what_follows_it_in_the_other_at_once()
    {
        await using var web = new WebOnlyTaskQueueApp<OnPostgres> { SharedDatabase = first.ConnectionString, SharedDataDirectory = first.DataDirectory };
        await ((IAsyncLifetime)web).InitializeAsync();
        var signal = web.Services.GetRequiredService<TaskSignal>();
        var tenant = await first.CreateTenantAsync();
        var id = Guid.NewGuid().ToString();
        var changed = signal.ChangedAsync();

        // Queued and run by the first instance (the other has no workers); it runs a second, so its claim and its
        // outcome reach the other instance as two wake-ups.
        var taskId = await first.AsAdministratorAsync(async sp => (await sp.GetRequiredService<TaskQueue>().EnqueueAsync(
            new NewTask(ScriptedTaskHandler.TestKind, tenant, "announced " + id, ScriptedTaskHandler.Parameters(id, "pause"), null),
            CancellationToken.None)).Value.Task.Id);

        // The web instance's signal only fires on what it is told: with no NOTIFY for the outcome, it would never see the
        // task finished after a wake-up.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        TaskState? heard = null;
        while (heard is not (TaskState.Completed or TaskState.Failed) && DateTime.UtcNow < deadline)
        {
            if (await Task.WhenAny(changed, Task.Delay(deadline - DateTime.UtcNow)) != changed)
            {
                break;
            }

            changed = signal.ChangedAsync();
            heard = (await web.AsAdministratorAsync(sp => sp.GetRequiredService<TaskQueries>().FindAsync(taskId, CancellationToken.None)))?.State;
        }

        Assert.Equal(TaskState.Completed, heard);
    }
}
