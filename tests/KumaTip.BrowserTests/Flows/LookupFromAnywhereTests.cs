using System.Text.RegularExpressions;
using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Flows;

/// <summary>
/// Look-up from anywhere, in English and in Russian: a defanged URL pasted into the header's box opens its window
/// Details («Подробнее»), whose Enrich opens the enrichment window, and once cached its panel; the bulk form shows each
/// line's type and cost and queues only what the analyst confirmed.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LookupFromAnywhereTests(BrowserSuite suite)
{
    [Theory]
    [InlineData("EN", "Details", "Enrich with Kaspersky TIP data", "Threat Lookup enrichment", "URL information")]
    [InlineData("RU", "Подробнее", "Обогатить данные Kaspersky TIP", "Обогащение Threat Lookup", "Информация о URL")]
    public async Task A_defanged_URL_in_the_header_search_opens_its_window_Details_then_its_panel(string language, string details, string enrich, string window, string panelTitle)
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            var lookup = new ThreatLookupPages(page);
            await page.GotoAsync("/Events");
            await shell.SwitchLanguageAsync(language);

            await shell.LookUpAsync($"hxxp://ticket-{id}[.]example[.]com/invoice.exe");
            var summary = page.GetByRole(AriaRole.Dialog, new() { Name = details, Exact = true });
            await Assertions.Expect(summary).ToBeVisibleAsync();
            await Assertions.Expect(summary.GetByTestId("observable-value")).ToHaveTextAsync($"http://ticket-{id}.example.com/invoice.exe");
            await summary.GetByRole(AriaRole.Link, new() { Name = enrich }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog, new() { Name = window })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("observable-value")).ToHaveTextAsync($"http://ticket-{id}.example.com/invoice.exe");
            await page.GetByRole(AriaRole.Dialog, new() { Name = window }).Locator("button[type=submit]").ClickAsync();
            await lookup.WaitForPanelAsync();

            await shell.LookUpAsync($"  HXXP://TICKET-{id}[.]EXAMPLE[.]COM/invoice.exe ");
            await page.WaitForURLAsync(new Regex("/ThreatLookup/Details\\?"));
            await Assertions.Expect(lookup.Panel.GetByRole(AriaRole.Heading, new() { Name = panelTitle, Exact = true })).ToBeVisibleAsync();

            await shell.LookUpAsync("what is this?");
            await Assertions.Expect(page.GetByTestId("lookup-error")).ToContainTextAsync("what is this?");
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        });
    }

    [Theory]
    [InlineData("EN", "Bulk lookup", "Observables, one per line (at most 100)", "Check", "Task queued", "A bulk lookup takes at most 100 observables")]
    [InlineData("RU", "Массовый поиск", "Наблюдаемые объекты, по одному на строку (не больше 100)", "Проверить", "Задача создана", "За один раз можно запросить не больше 100 объектов")]
    public async Task The_bulk_form_costs_each_line_and_queues_the_valid_ones_once_the_bad_ones_are_left_out(
        string language, string bulk, string label, string check, string queued, string tooMany)
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            await page.GotoAsync("/Events");
            await shell.SwitchLanguageAsync(language);
            await page.GetByTestId("header-search").GetByRole(AriaRole.Link, new() { Name = bulk }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = bulk, Exact = true })).ToBeVisibleAsync();

            await page.GetByLabel(label).FillAsync(string.Join('\n', $"hxxps://bulk-{id}[.]example[.]com/a", $"1.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}[.]{Random.Shared.Next(1, 255)}", "10.0.0.8", "Indicators of compromise:", $"HXXPS://BULK-{id}[.]EXAMPLE[.]COM/a"));
            await page.GetByRole(AriaRole.Button, new() { Name = check, Exact = true }).ClickAsync();
            var lines = page.GetByTestId("bulk-lines");
            await Assertions.Expect(lines.Locator("tr[data-line]")).ToHaveCountAsync(5);
            await Assertions.Expect(lines.Locator("tr[data-line='3']")).ToHaveAttributeAsync("data-status", "Reserved");
            await Assertions.Expect(lines.Locator("tr[data-line='4']")).ToHaveAttributeAsync("data-status", "Invalid");
            await Assertions.Expect(lines.Locator("tr[data-line='5']")).ToHaveAttributeAsync("data-status", "Duplicate");
            await Assertions.Expect(page.GetByTestId("bulk-queue")).ToHaveCountAsync(0);

            await page.GetByTestId("bulk-skip-invalid").ClickAsync();
            var tasks = lines.GetByRole(AriaRole.Link, new() { Name = queued });
            await Assertions.Expect(tasks).ToHaveCountAsync(2);
            await tasks.First.ClickAsync();
            await new ThreatLookupPages(page).WaitForPanelAsync();

            await page.GotoAsync("/ThreatLookup/Bulk");
            await page.GetByLabel(label).FillAsync(string.Join('\n', Enumerable.Range(1, 101).Select(i => $"n{i}-{id}.example.com")));
            await page.GetByRole(AriaRole.Button, new() { Name = check, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("bulk-too-many")).ToContainTextAsync(tooMany);
            await Assertions.Expect(lines.Locator("tr[data-line='101']")).ToHaveAttributeAsync("data-status", "OverLimit");
            await Assertions.Expect(page.GetByTestId("bulk-queue").Or(page.GetByTestId("bulk-skip-invalid"))).ToHaveCountAsync(0);
        });
    }
}
