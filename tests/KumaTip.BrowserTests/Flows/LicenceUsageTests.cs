using KumaTip.BrowserTests.Infrastructure;
using KumaTip.IntegrationTests.ThreatLookup.Governance;

namespace KumaTip.BrowserTests.Flows;

[Collection(BrowserCollection.Name)]
public sealed class LicenceUsageTests(BrowserSuite suite)
{
    [Fact]
    public async Task Analyst_opens_the_usage_from_the_menu_and_reads_it_in_English_and_Russian()
    {
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var admin = await suite.App.AdminApiClientAsync();
        await admin.AllocateAsync(null, (analyst.TenantId, 2));
        var api = await suite.App.ApiClientAsync(analyst.User.UserName, analyst.User.Password);
        await api.LookUpAndWaitAsync(GovernanceSteps.NewDomain("usage-page"), analyst.TenantId);
        await api.LookUpAndWaitAsync(GovernanceSteps.NewDomain("usage-page"), analyst.TenantId);
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            var usage = new UsagePage(page);
            await page.GotoAsync("/Events");
            await Assertions.Expect(usage.Banner).ToContainTextAsync($"0 of the 2 requests of tenant {analyst.TenantName}'s share are left");

            await shell.OpenAsync("Usage");
            await Assertions.Expect(usage.Heading("Threat Lookup usage")).ToBeVisibleAsync();
            await Assertions.Expect(usage.TenantRow(analyst.TenantName)).ToContainTextAsync("2");
            await Assertions.Expect(usage.DayRow(analyst.User.UserName)).ToContainTextAsync("unlimited");

            await shell.SwitchLanguageAsync("RU");
            await Assertions.Expect(usage.Heading("Использование Threat Lookup")).ToBeVisibleAsync();
            await Assertions.Expect(shell.NavLink("Использование")).ToBeVisibleAsync();
            await Assertions.Expect(usage.DayRow(analyst.User.UserName)).ToContainTextAsync("без ограничения");
            await Assertions.Expect(usage.Banner).ToContainTextAsync("осталось 0 из 2 запросов доли");
            await shell.SwitchLanguageAsync("EN");
        });
        await admin.AllocateAsync(null);
    }
}
