using KumaTip.Application.Identity;
using KumaTip.Application.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Tasks;

/// <summary>
/// The counter beside "Task manager": a user's own tasks that finished since he last looked at the task manager,
/// shown in the menu of every page and by GET /api/v1/tasks/unseen; looking at the task manager clears it.
/// </summary>
public abstract class UnseenTasksTests<TDb>(TaskQueueApp<TDb> app) : IClassFixture<TaskQueueApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_users_finished_tasks_count_until_he_looks_at_the_task_manager_and_a_colleagues_do_not()
    {
        var tenant = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var colleague = await app.CreateUserAsync(Roles.Analyst, tenant);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);
        await browser.GetStringAsync("/Tasks");

        await FinishedAsync(tenant, analyst, "complete");
        await FinishedAsync(tenant, analyst, "fail");
        await FinishedAsync(tenant, colleague, "complete");

        Assert.Equal(2, await UnseenAsync(api));
        Assert.Contains("data-testid=\"task-badge\">2</span>", await browser.GetStringAsync("/Events"), StringComparison.Ordinal);
        var taskManager = await browser.GetStringAsync("/Tasks");
        Assert.Contains("data-testid=\"task-badge\" hidden=\"hidden\">0</span>", taskManager, StringComparison.Ordinal);
        Assert.Equal(0, await UnseenAsync(api));

        // The live rows of the task manager mark what they show as seen too.
        await FinishedAsync(tenant, analyst, "complete");
        Assert.Equal(1, await UnseenAsync(api));
        await browser.GetStringAsync("/Tasks?handler=Rows&mine=true");
        Assert.Equal(0, await UnseenAsync(api));
    }

    private static async Task<int> UnseenAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<UnseenCount>("/api/v1/tasks/unseen"))!.Count;

    private Task FinishedAsync(Guid tenant, TestUser creator, string step) => app.AsAdministratorAsync(async sp =>
    {
        sp.GetRequiredService<CurrentUser>().Set(creator.Id, creator.UserName, [Roles.Analyst]);
        var id = Guid.NewGuid().ToString();
        var queued = await sp.GetRequiredService<TaskQueue>().EnqueueAsync(
            new NewTask(ScriptedTaskHandler.TestKind, tenant, "Unseen " + id, ScriptedTaskHandler.Parameters(id, step), null), CancellationToken.None);
        var finished = await sp.GetRequiredService<TaskQueries>().WaitAsync(queued.Value.Task.Id, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(finished!.IsFinished);
        return finished;
    });

    private sealed record UnseenCount(int Count);
}

public sealed class UnseenTasksTestsOnSqlite(TaskQueueApp<OnSqlite> app) : UnseenTasksTests<OnSqlite>(app);

public sealed class UnseenTasksTestsOnPostgres(TaskQueueApp<OnPostgres> app) : UnseenTasksTests<OnPostgres>(app);
