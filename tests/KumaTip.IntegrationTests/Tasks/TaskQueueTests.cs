using System.Diagnostics;
using System.Net;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Tasks;

public abstract class TaskQueueTests<TDb>(TaskQueueApp<TDb> app) : IClassFixture<TaskQueueApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_queued_task_is_run_at_once_and_completes_with_its_result()
    {
        var task = await EnqueueAsync(Guid.NewGuid().ToString(), "complete");

        var done = await WaitAsync(task.Id);

        Assert.Equal(TaskState.Completed, done.State);
        Assert.Equal("{\"attempt\":1}", done.Result);
        Assert.Equal(1, done.Attempts);
        Assert.NotNull(done.FinishedAt);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_backoff_then_complete()
    {
        var task = await EnqueueAsync(Guid.NewGuid().ToString(), "transient", "transient", "complete");

        var done = await WaitAsync(task.Id);

        Assert.Equal(TaskState.Completed, done.State);
        Assert.Equal(3, done.Attempts);
    }

    [Fact]
    public async Task A_permanent_failure_is_not_retried_and_keeps_its_reason()
    {
        var id = Guid.NewGuid().ToString();
        var task = await EnqueueAsync(id, "fail", "complete");

        var done = await WaitAsync(task.Id);

        Assert.Equal(TaskState.Failed, done.State);
        Assert.Equal("the service answered 401: wrong user or password.", done.Error);
        Assert.Equal(1, ScriptedTaskHandler.Executions[id]);
    }

    [Fact]
    public async Task Transient_failures_up_to_the_limit_fail_the_task_saying_how_often_it_was_tried()
    {
        var task = await EnqueueAsync(Guid.NewGuid().ToString(), "transient");

        var done = await WaitAsync(task.Id);

        Assert.Equal(TaskState.Failed, done.State);
        Assert.Equal(3, done.Attempts);
        Assert.Equal("Failed after 3 attempts: the service answered 503.", done.Error);
    }

    [Fact]
    public async Task The_same_work_requested_while_it_runs_joins_the_running_task()
    {
        var key = "dedup-" + Guid.NewGuid();
        var (first, firstJoined) = await EnqueueWithKeyAsync(key, Guid.NewGuid().ToString(), "block");
        var (second, secondJoined) = await EnqueueWithKeyAsync(key, Guid.NewGuid().ToString(), "complete");

        Assert.False(firstJoined);
        Assert.True(secondJoined);
        Assert.Equal(first.Id, second.Id);
        await CancelAsync(first.Id);
    }

    [Fact]
    public async Task A_task_queued_while_a_worker_waits_is_handed_to_it_claimed_in_the_row_that_queues_it()
    {
        var handoff = app.Services.GetRequiredService<TaskHandoff>();
        var key = "handed-" + Guid.NewGuid();
        var (blocking, other) = (string.Empty, Guid.NewGuid().ToString());
        TaskItem? first = null;
        // Every worker waits once the earlier tests' tasks are done; each stops waiting for an instant at its poll
        // (every 200 ms here), so a task queued at that instant is claimed the usual way: queued again, then.
        for (var attempt = 0; attempt < 5 && first?.State != TaskState.Running; attempt++)
        {
            if (first is not null)
            {
                await WaitAsync((await CancelAsync(first.Id)).Id);
            }

            await UntilAsync(() => handoff.Idle == 3);
            blocking = Guid.NewGuid().ToString();
            (first, _) = await EnqueueWithKeyAsync(key, blocking, "block");
        }

        var row = await app.AsAdministratorAsync(sp => sp.GetRequiredService<TaskQueries>().FindAsync(first!.Id, CancellationToken.None));
        await UntilAsync(() => ScriptedTaskHandler.Executions.ContainsKey(blocking));
        // The same work asked for while it runs joins it; the worker taken for it goes back to waiting.
        var (second, joined) = await EnqueueWithKeyAsync(key, other, "complete");
        await UntilAsync(() => handoff.Idle == 2);
        var done = await WaitAsync((await CancelAsync(first!.Id)).Id);

        Assert.Equal(TaskState.Running, first!.State);
        Assert.Equal(row!.CreatedAt, row.StartedAt);
        Assert.StartsWith(app.Services.GetRequiredService<AppInstance>().Id + ":", row.LeaseOwner, StringComparison.Ordinal);
        Assert.Equal(1, row.Attempts);
        Assert.True(joined);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(TaskState.Cancelled, done.State);
        Assert.Equal(1, ScriptedTaskHandler.Executions[blocking]);
        Assert.False(ScriptedTaskHandler.Executions.ContainsKey(other));
    }

    [Fact]
    public async Task The_same_work_requested_by_many_at_once_is_queued_once_and_the_others_join_it_without_an_error()
    {
        var key = "burst-" + Guid.NewGuid();
        await SharedTenantAsync(); // before the burst, which would otherwise create one each
        using var trace = new Activity("burst").Start(); // the log lines of this test carry its trace id

        var queued = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => EnqueueWithKeyAsync(key, $"{key}-{i}", "block"))));

        Assert.Single(queued, q => !q.Joined);
        Assert.Single(queued.Select(q => q.Task.Id).Distinct());
        CapturedLogs.AssertNoErrorIn(trace.TraceId.ToHexString());
        await CancelAsync(queued[0].Task.Id);
    }

    [Fact]
    public async Task A_row_that_a_unique_index_already_holds_is_not_inserted_and_nothing_is_logged_as_an_error()
    {
        var key = "dedup-" + Guid.NewGuid();
        var (first, _) = await EnqueueWithKeyAsync(key, Guid.NewGuid().ToString(), "block");
        using var trace = new Activity("conflict").Start();

        var inserted = await app.AsAdministratorAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var twin = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == first.Id);
            twin.Id = Guid.NewGuid();
            return await db.InsertUnlessConflictingAsync(twin, CancellationToken.None);
        });

        Assert.False(inserted);
        Assert.Equal(1, await app.AsAdministratorAsync(sp => sp.GetRequiredService<AppDbContext>().Tasks.CountAsync(t => t.DeduplicationKey == key)));
        CapturedLogs.AssertNoErrorIn(trace.TraceId.ToHexString());
        await CancelAsync(first.Id);
    }

    [Fact]
    public async Task Cancelling_a_running_task_stops_it_cooperatively()
    {
        var task = await EnqueueAsync(Guid.NewGuid().ToString(), "block");
        await WaitForStateAsync(task.Id, TaskState.Running);

        await CancelAsync(task.Id);
        var done = await WaitAsync(task.Id);

        Assert.Equal(TaskState.Cancelled, done.State);
    }

    [Fact]
    public async Task Cancelling_a_queued_task_cancels_it_at_once()
    {
        var task = await EnqueueAsync(Guid.NewGuid().ToString(), "complete");
        await app.AsAdministratorAsync(sp => sp.GetRequiredService<AppDbContext>().Tasks.Where(t => t.Id == task.Id && t.State == TaskState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.AvailableAt, DateTimeOffset.UtcNow.AddHours(1))));

        var cancelled = await CancelAsync(task.Id);

        if (cancelled.State != TaskState.Cancelled)
        {
            // The worker was faster than the test; a finished task cannot be cancelled.
            Assert.Equal(TaskState.Completed, (await WaitAsync(task.Id)).State);
            return;
        }

        Assert.NotNull(cancelled.FinishedAt);
    }

    [Fact]
    public async Task Restart_queues_a_new_task_with_the_same_parameters_linked_to_the_old_one()
    {
        var id = Guid.NewGuid().ToString();
        var first = await WaitAsync((await EnqueueAsync(id, "fail", "complete")).Id);
        Assert.Equal(TaskState.Failed, first.State);

        var restarted = await app.AsAdministratorAsync(sp => sp.GetRequiredService<TaskQueue>().RestartAsync(first.Id, CancellationToken.None));
        var done = await WaitAsync(restarted.Value!.Id);

        Assert.NotEqual(first.Id, done.Id);
        Assert.Equal(first.Id, done.RestartedFromId);
        Assert.Equal(first.Parameters, done.Parameters);
        Assert.Equal(TaskState.Completed, done.State);
    }

    [Fact]
    public async Task A_failing_heartbeat_is_logged_and_retried_so_the_task_keeps_its_lease_and_runs_once()
    {
        var id = Guid.NewGuid().ToString();
        var task = await EnqueueAsync(id, "slow");
        FailingHeartbeats.Fail(task.Id, 2);

        var done = await WaitAsync(task.Id);

        Assert.Equal(TaskState.Completed, done.State);
        Assert.Equal(1, done.Attempts);
        Assert.Equal(1, ScriptedTaskHandler.Executions[id]);
        Assert.Contains(CapturedLogs.All, line => line.StartsWith("Warning Heartbeat for task", StringComparison.Ordinal)
                                                  && line.Contains(task.Id.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_task_whose_worker_died_is_returned_to_the_queue_by_the_reaper_and_completes()
    {
        var tenant = await app.CreateTenantAsync();
        var id = Guid.NewGuid();
        await app.AsAdministratorAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var past = DateTimeOffset.UtcNow.AddMinutes(-5);
            db.Tasks.Add(new TaskItem
            {
                Id = id,
                Kind = ScriptedTaskHandler.TestKind,
                TenantId = tenant,
                Title = "orphan",
                Parameters = ScriptedTaskHandler.Parameters(id.ToString(), "complete"),
                State = TaskState.Running,
                CreatedByName = "test",
                CreatedAt = past,
                UpdatedAt = past,
                AvailableAt = past,
                StartedAt = past,
                Attempts = 1,
                MaxAttempts = 3,
                LeaseOwner = "a-worker-that-died",
                LeaseExpiresAt = past,
            });
            return await db.SaveChangesAsync();
        });

        var done = await WaitAsync(id);

        Assert.Equal(TaskState.Completed, done.State);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(1, ScriptedTaskHandler.Executions[id.ToString()]);
    }

    [Fact]
    public async Task The_API_lists_mine_waits_for_completion_and_hides_other_tenants_tasks()
    {
        var tenantA = await app.CreateTenantAsync();
        var tenantB = await app.CreateTenantAsync();
        var analystA = await app.CreateUserAsync(Roles.Analyst, tenantA);
        var analystB = await app.CreateUserAsync(Roles.Analyst, tenantB);
        var task = await EnqueueAsync(Guid.NewGuid().ToString(), tenantA, analystA, "complete");
        var apiA = await app.ApiClientAsync(analystA.UserName, analystA.Password);
        var apiB = await app.ApiClientAsync(analystB.UserName, analystB.Password);

        var waited = await apiA.GetFromJsonAsync<TaskView>($"/api/v1/tasks/{task.Id}?waitSeconds=30");
        var mine = await apiA.GetFromJsonAsync<List<TaskView>>("/api/v1/tasks?mine=true");
        var theirs = await apiB.GetAsync($"/api/v1/tasks/{task.Id}");
        var theirList = await apiB.GetFromJsonAsync<List<TaskView>>("/api/v1/tasks?mine=false");
        var tooLong = await apiA.GetAsync($"/api/v1/tasks/{task.Id}?waitSeconds=61");

        Assert.Equal("Completed", waited!.State);
        Assert.Equal(analystA.UserName, waited.CreatedBy);
        Assert.Contains(mine!, t => t.Id == task.Id);
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.DoesNotContain(theirList!, t => t.Id == task.Id);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await apiB.PostAsync($"/api/v1/tasks/{task.Id}/restart", null)).StatusCode);
    }

    private async Task<TaskItem> EnqueueAsync(string id, params string[] steps) =>
        await EnqueueAsync(id, await app.CreateTenantAsync(), null, steps);

    private async Task<TaskItem> EnqueueAsync(string id, Guid tenant, TestUser? user, params string[] steps) =>
        await app.AsAdministratorAsync(async sp =>
        {
            if (user is not null)
            {
                sp.GetRequiredService<CurrentUser>().Set(user.Id, user.UserName, [Roles.Analyst]);
            }

            var queued = await sp.GetRequiredService<TaskQueue>().EnqueueAsync(
                new NewTask(ScriptedTaskHandler.TestKind, tenant, "Test task " + id, ScriptedTaskHandler.Parameters(id, steps), null), CancellationToken.None);
            return queued.Value.Task;
        });

    private async Task<(TaskItem Task, bool Joined)> EnqueueWithKeyAsync(string key, string id, params string[] steps)
    {
        var tenant = await SharedTenantAsync();
        return await app.AsAdministratorAsync(async sp => (await sp.GetRequiredService<TaskQueue>().EnqueueAsync(
            new NewTask(ScriptedTaskHandler.TestKind, tenant, "Dedup " + id, ScriptedTaskHandler.Parameters(id, steps), key), CancellationToken.None)).Value);
    }

    private Guid? _sharedTenant;

    private async Task<Guid> SharedTenantAsync() => _sharedTenant ??= await app.CreateTenantAsync();

    private Task<TaskItem> CancelAsync(Guid id) =>
        app.AsAdministratorAsync(async sp => (await sp.GetRequiredService<TaskQueue>().CancelAsync(id, CancellationToken.None)).Value!);

    private Task<TaskItem> WaitAsync(Guid id) =>
        app.AsAdministratorAsync(async sp => (await sp.GetRequiredService<TaskQueries>().WaitAsync(id, Patience, CancellationToken.None))!);

    private static async Task UntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition was never met.");
            await Task.Delay(20);
        }
    }

    private async Task WaitForStateAsync(Guid id, TaskState state)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var task = await app.AsAdministratorAsync(sp => sp.GetRequiredService<TaskQueries>().FindAsync(id, CancellationToken.None));
            if (task!.State == state)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"Task {id} never reached {state}");
    }
}

public sealed record TaskView(Guid Id, string State, string CreatedBy, string? Error);

public sealed class TaskQueueTestsOnSqlite(TaskQueueApp<OnSqlite> app) : TaskQueueTests<OnSqlite>(app);

public sealed class TaskQueueTestsOnPostgres(TaskQueueApp<OnPostgres> app) : TaskQueueTests<OnPostgres>(app);
