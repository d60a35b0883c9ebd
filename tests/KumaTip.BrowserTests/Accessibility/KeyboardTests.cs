using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Accessibility;

/// <summary>The analyst's way through the events by keyboard alone: Tab, Enter and Escape, no mouse.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserSuite suite)
{
    /// <summary>More than any page has before the control a test looks for: a control Tab never reaches fails the test.</summary>
    private const int MostTabsToAControl = 80;

    [Fact]
    public async Task From_the_events_table_to_an_observables_menu_to_the_details_panel_and_back_to_the_table()
    {
        var data = await WalkData.OfAsync(suite);
        var page = await suite.PageOfAsync(data.Analyst);
        await page.RunAsync(async () =>
        {
            await page.GotoAsync("/Events?observable=" + Uri.EscapeDataString(data.Domain));

            // The first Tab shows the skip link; Enter on it leads past the navigation to the page's content.
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();

            // Enter on the event: Event information opens in the details area over the table, its heading focused.
            var eventLink = page.GetByTestId("events-table").GetByRole(AriaRole.Link, new() { Name = data.EventName, Exact = true });
            await TabToAsync(page, eventLink);
            await page.Keyboard.PressAsync("Enter");
            var area = page.GetByTestId("side-panel");
            var eventInformation = area.GetByRole(AriaRole.Heading, new() { Name = "Event information" });
            await Assertions.Expect(eventInformation).ToBeFocusedAsync();

            // The observable's menu opens with Enter and closes with Escape, the focus staying on the observable.
            var menu = area.Locator("details.observable-menu").Filter(new() { HasText = data.Domain }).First;
            var observable = menu.Locator("summary");
            var showInfo = menu.GetByRole(AriaRole.Menuitem, new() { Name = "Show info from Threat Lookup" });
            await TabToAsync(page, observable);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(showInfo).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(showInfo).ToBeHiddenAsync();
            await Assertions.Expect(observable).ToBeFocusedAsync();

            // Enter again, Tab to Show info from Threat Lookup, Enter: the cached answer opens in the area, focused.
            await page.Keyboard.PressAsync("Enter");
            await TabToAsync(page, showInfo);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(area.GetByRole(AriaRole.Heading, new() { Name = "Domain information", Exact = true })).ToBeFocusedAsync();

            // Escape steps back to Event information, the focus on the observable the panel was opened from; Escape
            // again closes the area, the focus on the event in the table.
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(eventInformation).ToBeVisibleAsync();
            await Assertions.Expect(observable).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(area).ToBeHiddenAsync();
            await Assertions.Expect(eventLink).ToBeFocusedAsync();
        });
    }

    [Fact]
    public async Task The_window_Details_and_the_enrichment_window_open_and_close_from_the_keyboard()
    {
        var data = await (await WalkData.OfAsync(suite)).WithFreshEventAsync(suite.App);
        var page = await suite.PageOfAsync(data.Analyst);
        await page.RunAsync(async () =>
        {
            await page.GotoAsync("/Events?observable=" + Uri.EscapeDataString(data.Fresh!.Domain));
            var eventLink = page.GetByTestId("events-table").GetByRole(AriaRole.Link, new() { Name = data.Fresh.Name, Exact = true });
            await TabToAsync(page, eventLink);
            await page.Keyboard.PressAsync("Enter");
            var area = page.GetByTestId("side-panel");
            var menu = area.Locator("details.observable-menu").Filter(new() { HasText = data.Fresh.Domain }).First;
            var observable = menu.Locator("summary");
            await TabToAsync(page, observable);
            await page.Keyboard.PressAsync("Enter");
            await TabToAsync(page, menu.GetByRole(AriaRole.Menuitem, new() { Name = "Show info from Threat Lookup" }));
            await page.Keyboard.PressAsync("Enter");

            // Not cached: the window Details, a modal dialog, its Enrich focused; Escape closes it, back on the observable.
            var window = page.GetByRole(AriaRole.Dialog, new() { Name = "Details" });
            var enrich = window.GetByRole(AriaRole.Link, new() { Name = "Enrich with Kaspersky TIP data" });
            await Assertions.Expect(enrich).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(window).ToBeHiddenAsync();
            await Assertions.Expect(observable).ToBeFocusedAsync();
            await Assertions.Expect(area).ToBeVisibleAsync();

            // Again, and Enter on Enrich: the enrichment window, its Request focused; Tab stays inside the dialog.
            await page.Keyboard.PressAsync("Enter");
            await TabToAsync(page, menu.GetByRole(AriaRole.Menuitem, new() { Name = "Show info from Threat Lookup" }));
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(enrich).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            var enrichment = page.GetByRole(AriaRole.Dialog, new() { Name = "Threat Lookup enrichment" });
            await Assertions.Expect(enrichment.GetByRole(AriaRole.Button, new() { Name = "Request", Exact = true })).ToBeFocusedAsync();
            for (var presses = 0; presses < 15; presses++)
            {
                await page.Keyboard.PressAsync("Tab");
                Assert.True(
                    await page.GetByTestId("lookup-dialog").EvaluateAsync<bool>("d => d.contains(document.activeElement) || document.activeElement === document.body"),
                    "Tab left the modal dialog");
            }

            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.GetByTestId("lookup-dialog")).ToBeHiddenAsync();
            await Assertions.Expect(observable).ToBeFocusedAsync();
        });
    }

    [Fact]
    public async Task Tenant_picker_and_language_switch_work_from_the_keyboard()
    {
        var page = await suite.AdministratorPageAsync();
        await page.RunAsync(async () =>
        {
            await page.GotoAsync("/Events");
            var picker = page.GetByTestId("tenant-selection");
            var apply = page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true });
            await TabToAsync(page, picker);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(apply).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Tab");
            await Assertions.Expect(page.Locator(".tenant-picker .dropdown input[type=checkbox]").First).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(apply).ToBeHiddenAsync();
            await Assertions.Expect(picker).ToBeFocusedAsync();

            await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "RU", Exact = true }));
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "События", Exact = true })).ToBeVisibleAsync();
            await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "EN", Exact = true }));
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Events", Exact = true })).ToBeVisibleAsync();
        });
    }

    /// <summary>Presses Tab until the control has the focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, ILocator control)
    {
        for (var presses = 0; presses < MostTabsToAControl; presses++)
        {
            if (await control.CountAsync() > 0 && await control.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing'");
        throw new TimeoutException($"{MostTabsToAControl} presses of Tab did not reach {control}; the focus is on {focused}");
    }
}
