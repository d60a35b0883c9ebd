namespace KumaTip.BrowserTests;

/// <summary>Events: the table and Event information with its observable links.</summary>
public sealed class EventsPage(IPage page)
{
    public ILocator Row(string eventName) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = eventName });

    public async Task OpenEventAsync(string eventName)
    {
        await Row(eventName).GetByRole(AriaRole.Link, new() { Name = eventName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Event information" })).ToBeVisibleAsync();
    }

    /// <summary>Clicks the observable in Event information and chooses Show info from Threat Lookup in its menu.</summary>
    public async Task ShowInfoFromThreatLookupAsync(string observable, string menuItem = "Show info from Threat Lookup")
    {
        var menu = page.Locator("details.observable-menu").Filter(new() { HasText = observable }).First;
        await menu.GetByText(observable).First.ClickAsync();
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = menuItem }).ClickAsync();
    }
}
