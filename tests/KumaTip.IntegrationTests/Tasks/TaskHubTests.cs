using KumaTip.Application.Identity;
using KumaTip.Application.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Tasks;

/// <summary>
/// The task hub pushes a task's changes only to those who may see the task: the users of its tenant and the General
/// administrators. A user of tenant A hears nothing of tenant B's tasks, and stops hearing of a tenant taken from him.
/// </summary>
public abstract class TaskHubTests<TDb>(TaskQueueApp<TDb> app) : IClassFixture<TaskQueueApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_user_hears_the_tasks_of_his_tenants_only_and_a_General_administrator_hears_all()
    {
        var (tenantA, tenantB) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        var analystA = await app.CreateUserAsync(Roles.Analyst, tenantA);
        var analystB = await app.CreateUserAsync(Roles.Analyst, tenantB);
        await using var hubA = await ConnectAsync(analystA);
        await using var hubB = await ConnectAsync(analystB);
        await using var hubAdmin = await TaskHubClient.ConnectAsync(app, await app.AdminApiClientAsync());

        var ofB = await EnqueueAsync(tenantB, analystB);
        await hubB.WaitForAsync(ofB, TaskState.Completed);
        await hubAdmin.WaitForAsync(ofB, TaskState.Completed);
        // A task of A's queued after B's finished: once A hears of it, anything about B's would have come before.
        var ofA = await EnqueueAsync(tenantA, analystA);
        await hubA.WaitForAsync(ofA, TaskState.Completed);
        await hubAdmin.WaitForAsync(ofA, TaskState.Completed);

        Assert.False(hubA.HeardOf(ofB), "A user of tenant A heard of a task of tenant B");
        Assert.False(hubB.HeardOf(ofA), "A user of tenant B heard of a task of tenant A");
    }

    [Fact]
    public async Task A_tenant_taken_from_a_user_is_no_longer_heard_of_on_his_open_connection()
    {
        var (tenantA, tenantC) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenantA);
        await using var hub = await ConnectAsync(analyst);
        var before = await EnqueueAsync(tenantA, analyst);
        await hub.WaitForAsync(before, TaskState.Completed);

        await app.AsAdministratorAsync(async sp => (await sp.GetRequiredService<UserService>().UpdateAsync(
            analyst.Id, new UserInput(analyst.UserName, null, Roles.Analyst, [tenantC]), CancellationToken.None)).Value);
        var ofA = await EnqueueAsync(tenantA, creator: null);
        var ofC = await EnqueueAsync(tenantC, creator: null);
        await hub.WaitForAsync(ofC, TaskState.Completed);

        Assert.False(hub.HeardOf(ofA), "A user heard of a task of a tenant taken from him");
    }

    private async Task<TaskHubClient> ConnectAsync(TestUser user) =>
        await TaskHubClient.ConnectAsync(app, await app.ApiClientAsync(user.UserName, user.Password));

    private Task<Guid> EnqueueAsync(Guid tenant, TestUser? creator) => app.AsAdministratorAsync(async sp =>
    {
        if (creator is not null)
        {
            sp.GetRequiredService<CurrentUser>().Set(creator.Id, creator.UserName, [Roles.Analyst]);
        }

        var id = Guid.NewGuid().ToString();
        var queued = await sp.GetRequiredService<TaskQueue>().EnqueueAsync(
            new NewTask(ScriptedTaskHandler.TestKind, tenant, "Hub " + id, ScriptedTaskHandler.Parameters(id, "complete"), null), CancellationToken.None);
        return queued.Value.Task.Id;
    });
}

public sealed class TaskHubTestsOnSqlite(TaskQueueApp<OnSqlite> app) : TaskHubTests<OnSqlite>(app);

public sealed class TaskHubTestsOnPostgres(TaskQueueApp<OnPostgres> app) : TaskHubTests<OnPostgres>(app);
