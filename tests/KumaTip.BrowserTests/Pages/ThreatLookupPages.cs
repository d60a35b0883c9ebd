namespace KumaTip.BrowserTests;

/// <summary>The Threat Lookup enrichment window and the details panel it leads to.</summary>
public sealed class ThreatLookupPages(IPage page)
{
    public ILocator Window => page.GetByRole(AriaRole.Dialog, new() { Name = "Threat Lookup enrichment" });

    public ILocator Panel => page.GetByTestId("observable-panel");

    /// <summary>The panel beside the events, opened on the events pages when the cache holds the observable.</summary>
    public ILocator SidePanel => page.GetByTestId("side-panel");

    public ILocator UpdatedAt => Panel.GetByTestId("updated-at");

    public async Task RequestAsync(params string[] dataGroups)
    {
        foreach (var group in dataGroups)
        {
            await Window.GetByRole(AriaRole.Checkbox, new() { Name = $"({group})" }).CheckAsync();
        }

        await Window.GetByRole(AriaRole.Button, new() { Name = "Request", Exact = true }).ClickAsync();
    }

    /// <summary>Waits until the progress page has turned into the panel (the lookup task completed).</summary>
    public Task WaitForPanelAsync() =>
        Assertions.Expect(Panel).ToBeVisibleAsync(new() { Timeout = 30_000 });

    public async Task<DateTimeOffset> UpdateTimeAsync() =>
        DateTimeOffset.Parse((await UpdatedAt.GetAttributeAsync("datetime"))!, System.Globalization.CultureInfo.InvariantCulture);

    public Task RefreshDataAsync() => Panel.GetByRole(AriaRole.Button, new() { Name = "Refresh data" }).ClickAsync();
}
