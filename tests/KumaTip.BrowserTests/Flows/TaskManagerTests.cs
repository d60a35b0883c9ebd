using System.Net.Http.Json;
using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Flows;

[Collection(BrowserCollection.Name)]
public sealed class TaskManagerTests(BrowserSuite suite)
{
    [Fact]
    public async Task The_lookup_task_is_listed_as_Completed_by_its_creator_and_can_be_shown_and_restarted_by_him_only()
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var colleague = await suite.App.CreateUserAsync(KumaTip.Application.Identity.Roles.Analyst, analyst.TenantId);
        var url = $"http://dd.daywinners.com/tasks/{Guid.NewGuid():N}.exe";
        var theirs = $"colleague-{Guid.NewGuid():N}.example.com";
        var colleagueApi = await suite.App.ApiClientAsync(colleague.UserName, colleague.Password);
        (await colleagueApi.PostAsJsonAsync("/api/v1/lookups", new { value = theirs, tenantId = analyst.TenantId })).EnsureSuccessStatusCode();
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var lookup = new ThreatLookupPages(page);
            var tasks = new TaskManagerPage(page);
            await page.GotoAsync($"/ThreatLookup?value={Uri.EscapeDataString(url)}&type=url&tenantId={analyst.TenantId}");
            await lookup.RequestAsync("UrlGeneralInfo");
            await lookup.WaitForPanelAsync();

            await new Shell(page).OpenAsync("Task manager");
            var mine = tasks.Rows(url);
            await Assertions.Expect(tasks.ShowOnlyMine).ToBeCheckedAsync();
            await Assertions.Expect(mine).ToHaveCountAsync(1);
            await Assertions.Expect(mine).ToContainTextAsync("Completed");
            await Assertions.Expect(mine).ToContainTextAsync(analyst.User.UserName);
            await Assertions.Expect(mine).ToContainTextAsync(analyst.TenantName);
            await Assertions.Expect(tasks.Rows(theirs)).ToHaveCountAsync(0);

            await tasks.ShowOnlyMineAsync(false);
            await Assertions.Expect(tasks.Rows(theirs)).ToContainTextAsync(colleague.UserName);
            // A colleague's task is not this analyst's to restart or cancel.
            await Assertions.Expect(tasks.Rows(theirs).Locator("form[data-action]")).ToHaveCountAsync(0);
            await tasks.ShowOnlyMineAsync(true);
            await Assertions.Expect(tasks.Rows(theirs)).ToHaveCountAsync(0);

            await tasks.ShowResultAsync(mine);
            await Assertions.Expect(lookup.Panel.GetByRole(AriaRole.Heading, new() { Name = "URL information" })).ToBeVisibleAsync();
            await Assertions.Expect(lookup.Panel.Locator("[data-zone=Red]").First).ToHaveTextAsync("Dangerous");

            await page.GoBackAsync();
            await tasks.RestartAsync(tasks.Rows(url));
            await Assertions.Expect(tasks.Rows(url)).ToHaveCountAsync(2, new() { Timeout = 30_000 });
            await Assertions.Expect(tasks.Rows(url).Filter(new() { HasText = "Completed" })).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        });
    }
}
