using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Flows;

[Collection(BrowserCollection.Name)]
public sealed class ShellTests(BrowserSuite suite)
{
    [Fact]
    public async Task Signed_in_user_switches_to_Russian_and_back()
    {
        var page = await suite.AdministratorPageAsync();
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            await page.GotoAsync("/Events");
            await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync("admin");

            await shell.SwitchLanguageAsync("RU");
            await Assertions.Expect(shell.NavLink("События")).ToBeVisibleAsync();
            await Assertions.Expect(shell.NavLink("Диспетчер задач")).ToBeVisibleAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Events$"));

            await shell.SwitchLanguageAsync("EN");
            await Assertions.Expect(shell.NavLink("Events")).ToBeVisibleAsync();
            await Assertions.Expect(shell.NavLink("Task manager")).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task Header_tenant_selection_changes_the_count()
    {
        var tenantName = "Picked " + Guid.NewGuid().ToString("N")[..8];
        await suite.App.CreateTenantAsync(tenantName);
        var page = await suite.AdministratorPageAsync();
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            await page.GotoAsync("/Events");
            var before = await shell.SelectedTenantCountAsync();
            var wasSelected = await shell.IsTenantSelectedAsync(tenantName);

            await shell.SetTenantSelectedAsync(tenantName, !wasSelected);
            var expected = wasSelected ? before - 1 : before + 1;
            await Assertions.Expect(shell.TenantSelection).ToHaveTextAsync($"Tenants selected: {expected}");

            await shell.SetTenantSelectedAsync(tenantName, wasSelected);
            await Assertions.Expect(shell.TenantSelection).ToHaveTextAsync($"Tenants selected: {before}");
        });
    }

    [Fact]
    public async Task Analyst_does_not_see_the_administrator_menus()
    {
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            await page.GotoAsync("/Events");
            await Assertions.Expect(shell.NavLink("Events")).ToBeVisibleAsync();
            await Assertions.Expect(shell.NavLink("Task manager")).ToBeVisibleAsync();
            foreach (var adminOnly in new[] { "Secrets", "Proxies", "Kaspersky Threat Lookup", "Users", "Tenants", "Audit" })
            {
                await Assertions.Expect(shell.NavLink(adminOnly)).ToHaveCountAsync(0);
            }

            await page.GotoAsync("/Resources/Secrets");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Secrets", Exact = true })).ToHaveCountAsync(0);
        });
    }
}
