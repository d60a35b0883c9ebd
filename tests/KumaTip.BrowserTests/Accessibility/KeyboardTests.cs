using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Accessibility;

/// <summary>The analyst's way through the events by keyboard alone: Tab, Enter and Escape, no mouse.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserSuite suite)
{
    /// <summary>More than any page has before the control a test looks for: a control Tab never reaches fails the test.</summary>
    private const int MostTabsToAControl = 80;

    [Fact]
    public async Task From_the_events_table_to_an_observables_menu_to_the_details_panel_and_back()
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

            await TabToAsync(page, page.GetByTestId("events-table").GetByRole(AriaRole.Link, new() { Name = data.EventName, Exact = true }));
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Event information" })).ToBeVisibleAsync();

            // The observable's menu opens with Enter and closes with Escape, the focus staying on the observable.
            var menu = page.Locator("details.observable-menu").Filter(new() { HasText = data.Domain }).First;
            var observable = menu.Locator("summary");
            var showInfo = menu.GetByRole(AriaRole.Menuitem, new() { Name = "Show info from Threat Lookup" });
            await TabToAsync(page, observable);
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(showInfo).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(showInfo).ToBeHiddenAsync();
            await Assertions.Expect(observable).ToBeFocusedAsync();

            // Enter again, Tab to Show info from Threat Lookup, Enter: the cached answer opens beside the event, focused.
            await page.Keyboard.PressAsync("Enter");
            await TabToAsync(page, showInfo);
            await page.Keyboard.PressAsync("Enter");
            var panel = page.GetByTestId("side-panel");
            await Assertions.Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Domain information", Exact = true })).ToBeFocusedAsync();

            // Escape closes the panel and gives the focus back to the observable it was opened from.
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(panel).ToBeHiddenAsync();
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
