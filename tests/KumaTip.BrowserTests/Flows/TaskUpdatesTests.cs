using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using KumaTip.BrowserTests.Infrastructure;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.BrowserTests.Flows;

/// <summary>
/// Task changes pushed by the server, in English and in Russian: the counter beside "Task manager" counts a finished
/// task of the user's without a reload and clears once he has seen it; the task manager shows a new task and its
/// completion without a reload; the progress of a lookup turns into its panel on a push alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TaskUpdatesTests(BrowserSuite suite)
{
    private const string SamePage = "window.kumaTipSamePage";

    [Theory]
    [InlineData("EN", "Task manager")]
    [InlineData("RU", "Диспетчер задач")]
    public async Task The_counter_beside_the_task_manager_counts_a_finished_task_without_a_reload_and_clears_when_seen(string language, string taskManager)
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var api = await suite.App.ApiClientAsync(analyst.User.UserName, analyst.User.Password);
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            await page.GotoAsync("/Events");
            await shell.SwitchLanguageAsync(language);
            await Assertions.Expect(shell.TaskBadge).ToBeHiddenAsync();
            await page.EvaluateAsync($"{SamePage} = true");

            await LookUpAsync(api, analyst, $"badge-{Guid.NewGuid():N}.example.com");

            await Assertions.Expect(shell.TaskBadge).ToHaveTextAsync("1", new() { Timeout = 30_000 });
            await Assertions.Expect(shell.TaskBadge).ToBeVisibleAsync();
            await Assertions.Expect(shell.NavLink(taskManager)).ToHaveAccessibleNameAsync($"{taskManager} 1");
            Assert.True(await page.EvaluateAsync<bool>(SamePage), "The page was reloaded");

            await shell.OpenAsync(taskManager);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = taskManager, Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(shell.TaskBadge).ToBeHiddenAsync();
            await shell.OpenAsync(language == "RU" ? "События" : "Events");
            await Assertions.Expect(shell.TaskBadge).ToBeHiddenAsync();
        });
    }

    [Theory]
    [InlineData("EN", "Completed", "Show result")]
    [InlineData("RU", "Завершено", "Показать результат")]
    public async Task The_task_manager_shows_a_new_task_and_its_completion_without_a_reload(string language, string completed, string showResult)
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var api = await suite.App.ApiClientAsync(analyst.User.UserName, analyst.User.Password);
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var tasks = new TaskManagerPage(page);
            await page.GotoAsync("/Tasks");
            await new Shell(page).SwitchLanguageAsync(language);
            await page.EvaluateAsync($"{SamePage} = true");
            var domain = $"live-{Guid.NewGuid():N}.example.com";

            await LookUpAsync(api, analyst, domain);

            var row = tasks.Rows(domain);
            await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 30_000 });
            await Assertions.Expect(row).ToContainTextAsync(new Regex(completed));
            await Assertions.Expect(row.GetByRole(AriaRole.Link, new() { Name = showResult })).ToBeVisibleAsync();
            Assert.True(await page.EvaluateAsync<bool>(SamePage), "The page was reloaded");
            // Shown, so seen: no counter while the task manager is open.
            await Assertions.Expect(new Shell(page).TaskBadge).ToBeHiddenAsync();
        });
    }

    [Theory]
    [InlineData("EN", "Threat Lookup enrichment", "Request", "Domain information")]
    [InlineData("RU", "Обогащение Threat Lookup", "Запрос", "Информация о домене")]
    public async Task The_progress_of_a_lookup_turns_into_its_panel_on_a_push_alone(string language, string window, string request, string panelTitle)
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var domain = $"progress-{Guid.NewGuid():N}.example.com";
        var page = await suite.PageOfAsync(analyst);
        // TIP answers slowly enough for the progress view to be seen before the task completes.
        suite.App.Simulator.Faults = new FaultSettings { LatencyMs = 1_500 };
        try
        {
            await page.RunAsync(async () =>
            {
                // The fallback's long polls never answer: only a push can tell the view that the task completed.
                await page.RouteAsync("**/api/v1/tasks/*?waitSeconds=20", route => route.AbortAsync());
                await page.GotoAsync($"/ThreatLookup?value={domain}&type=domain");
                await new Shell(page).SwitchLanguageAsync(language);

                await page.GetByRole(AriaRole.Dialog, new() { Name = window }).GetByRole(AriaRole.Button, new() { Name = request, Exact = true }).ClickAsync();
                await Assertions.Expect(page.GetByTestId("task-progress")).ToBeVisibleAsync();

                await new ThreatLookupPages(page).WaitForPanelAsync();
                await Assertions.Expect(page.GetByTestId("observable-panel").GetByRole(AriaRole.Heading, new() { Name = panelTitle, Exact = true })).ToBeVisibleAsync();
            });
        }
        finally
        {
            suite.App.Simulator.Faults = new FaultSettings();
        }
    }

    /// <summary>A lookup by the analyst through the API, as from another window; the page is to show it by itself.</summary>
    private static async Task LookUpAsync(HttpClient api, TenantAnalyst analyst, string domain)
    {
        var response = await api.PostAsJsonAsync("/api/v1/lookups", new { value = domain, tenantId = analyst.TenantId });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
