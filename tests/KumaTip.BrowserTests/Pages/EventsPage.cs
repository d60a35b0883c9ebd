namespace KumaTip.BrowserTests;

/// <summary>Events: the table, the details area on its right (Event information, Threat Lookup), and Event information's observable links.</summary>
public sealed class EventsPage(IPage page)
{
    public ILocator Row(string eventName) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = eventName });

    /// <summary>KUMA's details area on the right of the events pages.</summary>
    public ILocator DetailsArea => page.GetByTestId("side-panel");

    /// <summary>
    /// Clicks the event in the table: Event information opens in the details area over it (the list stays). Returns
    /// the address of the event's own page.
    /// </summary>
    public async Task<string> OpenEventAsync(string eventName, string heading = "Event information")
    {
        var link = Row(eventName).GetByRole(AriaRole.Link, new() { Name = eventName, Exact = true });
        await link.ClickAsync();
        await Assertions.Expect(DetailsArea.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
        return (await link.GetAttributeAsync("href"))!;
    }

    /// <summary>Clicks the observable in Event information and chooses Show info from Threat Lookup in its menu.</summary>
    public async Task ShowInfoFromThreatLookupAsync(string observable, string menuItem = "Show info from Threat Lookup")
    {
        var menu = page.Locator("details.observable-menu").Filter(new() { HasText = observable, Visible = true }).First;
        await menu.GetByText(observable).First.ClickAsync();
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = menuItem }).ClickAsync();
    }
}
