using System.Net;
using System.Text.Json;
using KumaTip.Application.Identity;
using KumaTip.Application.Tasks;
using KumaTip.IntegrationTests.ThreatLookupUi;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Tasks;

/// <summary>
/// Analysts A and B of one tenant, and its administrator: only a task's creator or an administrator cancels or
/// restarts it (API and task manager), and a failure that names the connection's set-up is read by administrators only.
/// </summary>
public abstract class TaskOwnershipTests<TDb>(TaskQueueApp<TDb> app) : IClassFixture<TaskQueueApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Another_analyst_of_the_tenant_cannot_cancel_or_restart_but_the_creator_and_an_administrator_can()
    {
        var (tenant, analystA, analystB) = await TenantWithTwoAnalystsAsync();
        var tenantAdmin = await app.CreateUserAsync(Roles.TenantAdministrator, tenant);
        var running = await EnqueueAsync(tenant, analystA, "block");
        var failed = await WaitAsync((await EnqueueAsync(tenant, analystA, "fail")).Id);
        var apiA = await app.ApiClientAsync(analystA.UserName, analystA.Password);
        var apiB = await app.ApiClientAsync(analystB.UserName, analystB.Password);
        var apiAdmin = await app.ApiClientAsync(tenantAdmin.UserName, tenantAdmin.Password);

        var cancelByB = await apiB.PostAsync($"/api/v1/tasks/{running.Id}/cancel", null);
        var restartByB = await apiB.PostAsync($"/api/v1/tasks/{failed.Id}/restart", null);

        Assert.Equal(HttpStatusCode.Forbidden, cancelByB.StatusCode);
        Assert.Equal("not_task_creator", await CodeOfAsync(cancelByB));
        Assert.Equal(HttpStatusCode.Forbidden, restartByB.StatusCode);
        Assert.Equal("not_task_creator", await CodeOfAsync(restartByB));
        Assert.False((await FindAsync(running.Id)).CancelRequested);
        Assert.Equal(HttpStatusCode.Accepted, (await apiA.PostAsync($"/api/v1/tasks/{failed.Id}/restart", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await apiAdmin.PostAsync($"/api/v1/tasks/{failed.Id}/restart", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await apiAdmin.PostAsync($"/api/v1/tasks/{running.Id}/cancel", null)).StatusCode);
        Assert.Equal(TaskState.Cancelled, (await WaitAsync(running.Id)).State);
    }

    [Fact]
    public async Task The_task_manager_shows_Restart_and_Cancel_only_for_tasks_the_reader_may_change_and_refuses_a_forged_post()
    {
        var (tenant, analystA, analystB) = await TenantWithTwoAnalystsAsync();
        var task = await EnqueueAsync(tenant, analystA, "block");
        var finished = await WaitAsync((await EnqueueAsync(tenant, analystA, "fail")).Id);
        var browserA = await app.SignInAsync(analystA.UserName, analystA.Password);
        var browserB = await app.SignInAsync(analystB.UserName, analystB.Password);

        var pageForA = await browserA.GetStringAsync("/Tasks?mine=false");
        var pageForB = await browserB.GetStringAsync("/Tasks?mine=false");
        var forged = await browserB.PostFormAsync($"/Tasks?mine=false&id={task.Id}", [], handler: "Cancel", formPage: "/Tasks?mine=false");

        // Cancel while a task runs, Restart once it has finished.
        Assert.Contains("data-action=\"cancel\"", Row(pageForA, task.Id), StringComparison.Ordinal);
        Assert.Contains("data-action=\"restart\"", Row(pageForA, finished.Id), StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"cancel\"", Row(pageForB, task.Id), StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"restart\"", Row(pageForB, finished.Id), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("Only the user who created this task, or an administrator, can cancel or restart it.", await forged.Content.ReadAsStringAsync());
        Assert.False((await FindAsync(task.Id)).CancelRequested);
        await app.AsAdministratorAsync(sp => sp.GetRequiredService<TaskQueue>().CancelAsync(task.Id, CancellationToken.None));
    }

    [Fact]
    public async Task A_failure_naming_the_connections_certificate_is_shown_to_administrators_only()
    {
        var (tenant, analystA, _) = await TenantWithTwoAnalystsAsync();
        var task = await WaitAsync((await EnqueueAsync(tenant, analystA, "reveal")).Id);
        var apiA = await app.ApiClientAsync(analystA.UserName, analystA.Password);
        var apiAdmin = await app.AdminApiClientAsync();

        var forAnalyst = await apiA.GetFromJsonAsync<TaskView>($"/api/v1/tasks/{task.Id}");
        var listForAnalyst = await apiA.GetFromJsonAsync<List<TaskView>>("/api/v1/tasks?mine=true");
        var browserA = await app.SignInAsync(analystA.UserName, analystA.Password);
        var pageForAnalyst = await browserA.GetStringAsync("/Tasks");
        browserA.Russian();
        var russianPageForAnalyst = await browserA.GetStringAsync("/Tasks");
        var forAdministrator = await apiAdmin.GetFromJsonAsync<TaskView>($"/api/v1/tasks/{task.Id}");

        Assert.Equal(TaskState.Failed, task.State);
        Assert.Equal(ScriptedTaskHandler.RevealingError, task.Error);
        Assert.Equal(TaskItem.HiddenErrorText, forAnalyst!.Error);
        Assert.Equal(TaskItem.HiddenErrorText, listForAnalyst!.Single(t => t.Id == task.Id).Error);
        Assert.Contains(TaskItem.HiddenErrorText, Row(pageForAnalyst, task.Id), StringComparison.Ordinal);
        Assert.DoesNotContain("CN=", pageForAnalyst, StringComparison.Ordinal);
        Assert.Contains("Не удалось обратиться к Kaspersky TIP", Row(russianPageForAnalyst, task.Id), StringComparison.Ordinal);
        Assert.Equal(ScriptedTaskHandler.RevealingError, forAdministrator!.Error);
    }

    private async Task<(Guid Tenant, TestUser A, TestUser B)> TenantWithTwoAnalystsAsync()
    {
        var tenant = await app.CreateTenantAsync();
        return (tenant, await app.CreateUserAsync(Roles.Analyst, tenant), await app.CreateUserAsync(Roles.Analyst, tenant));
    }

    private Task<TaskItem> EnqueueAsync(Guid tenant, TestUser creator, string step) => app.AsAdministratorAsync(async sp =>
    {
        sp.GetRequiredService<CurrentUser>().Set(creator.Id, creator.UserName, [Roles.Analyst]);
        var id = Guid.NewGuid().ToString();
        var queued = await sp.GetRequiredService<TaskQueue>().EnqueueAsync(
            new NewTask(ScriptedTaskHandler.TestKind, tenant, "Ownership " + id, ScriptedTaskHandler.Parameters(id, step), null), CancellationToken.None);
        return queued.Value.Task;
    });

    private Task<TaskItem> FindAsync(Guid id) =>
        app.AsAdministratorAsync(async sp => (await sp.GetRequiredService<TaskQueries>().FindAsync(id, CancellationToken.None))!);

    private Task<TaskItem> WaitAsync(Guid id) =>
        app.AsAdministratorAsync(async sp => (await sp.GetRequiredService<TaskQueries>().WaitAsync(id, Patience, CancellationToken.None))!);

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    /// <summary>The task manager's row of one task.</summary>
    private static string Row(string html, Guid id)
    {
        var start = html.IndexOf($"data-task-id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"Task {id} is not listed.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}

public sealed class TaskOwnershipTestsOnSqlite(TaskQueueApp<OnSqlite> app) : TaskOwnershipTests<OnSqlite>(app);

public sealed class TaskOwnershipTestsOnPostgres(TaskQueueApp<OnPostgres> app) : TaskOwnershipTests<OnPostgres>(app);
