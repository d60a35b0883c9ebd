using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Accessibility;

/// <summary>
/// Every page (<see cref="WalkedPages"/>), in English and in Russian, as the audience that sees it: no console error
/// or CSP violation, no failed request (the favicon included), no axe-core violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PageWalkTests(BrowserSuite suite)
{
    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in WalkedPages.All)
        {
            data.Add(page.ToString(), "en");
            data.Add(page.ToString(), "ru");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_has_no_console_error_failed_request_or_accessibility_violation(string walked, string language)
    {
        var entry = WalkedPages.All.Single(p => p.ToString() == walked);
        var data = await WalkData.OfAsync(suite);
        if (entry.Arrange is { } arrange)
        {
            await arrange(suite.App, data);
        }

        try
        {
            await WalkAsync(entry, language, data);
        }
        finally
        {
            if (entry.Restore is { } restore)
            {
                await restore(suite.App, data);
            }
        }
    }

    private async Task WalkAsync(WalkedPage entry, string language, WalkData data)
    {
        var page = await OpenAsAsync(entry.Audience, data);
        await page.RunAsync(async () =>
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={language}|uic={language}", Url = suite.App.Address.ToString() }]);
            var problems = PageProblems.Watch(page);
            await page.GotoAsync(entry.Address(data));
            await SettleAsync(page);
            await problems.CheckAccessibilityAsync(page, "loaded");
            await problems.CheckIconsAsync(page);
            if (entry.Open is not null)
            {
                problems.Phase = "opening";
                await entry.Open(page, data);
                await SettleAsync(page);
                await problems.CheckAccessibilityAsync(page, "opened");
            }

            Assert.True(problems.Seen.Count == 0, $"{entry} in {language} at {page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Seen)}");
        });
    }

    private Task<IPage> OpenAsAsync(Audience audience, WalkData data) => audience switch
    {
        Audience.Anonymous => suite.AnonymousPageAsync(),
        Audience.Analyst => suite.PageOfAsync(data.Analyst),
        Audience.TenantAdministrator => suite.PageOfAsync(data.TenantAdministrator.UserName, data.TenantAdministrator.Password),
        _ => suite.AdministratorPageAsync(),
    };

    /// <summary>Waits until the page's own scripts (the panel's fetch, the task list's refresh) have loaded what they load.</summary>
    private static async Task SettleAsync(IPage page)
    {
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5_000 });
        }
        catch (TimeoutException)
        {
            // A page that polls never goes idle; what it has shown by now is checked.
        }
    }
}
