namespace KumaTip.BrowserTests;

/// <summary>The Threat Lookup enrichment window and the details panel it leads to.</summary>
public sealed class ThreatLookupPages(IPage page)
{
    public ILocator Window => page.GetByRole(AriaRole.Dialog, new() { Name = "Threat Lookup enrichment" });

    public ILocator Panel => page.GetByTestId("observable-panel");

    /// <summary>The panel beside the events, opened on the events pages when the cache holds the observable.</summary>
    public ILocator SidePanel => page.GetByTestId("side-panel");

    public ILocator UpdatedAt => Panel.GetByTestId("updated-at");

    /// <summary>The enrichment window in any language.</summary>
    public ILocator AnyWindow => page.GetByTestId("enrichment-window");

    /// <summary>KUMA's window "Details" («Подробнее») of an observable the cache does not answer, in the events pages' dialog.</summary>
    public ILocator Summary => page.GetByTestId("observable-summary");

    /// <summary>The dialog over the events pages (the window «Подробнее», then the enrichment window).</summary>
    public ILocator Dialog => page.GetByTestId("lookup-dialog");

    /// <summary>A section of the panel by its anchor: a data group (<c>DomainDnsResolutions</c>), <c>Zone</c>, <c>About</c>...</summary>
    public ILocator Section(string anchor) => Panel.Locator($"section[data-section='{anchor}']");

    /// <summary>
    /// Opens the menu of an observable inside the panel (a pivot), looks at it (<paramref name="then"/>) and chooses
    /// its first item, Show info from Threat Lookup.
    /// </summary>
    public async Task PivotAsync(ILocator pivot, Func<ILocator, Task>? then = null)
    {
        await pivot.Locator("summary").ClickAsync();
        if (then is not null)
        {
            await then(pivot);
        }

        await pivot.Locator("a[data-threat-lookup]").ClickAsync();
    }

    /// <summary>The panel of one observable (its value in About).</summary>
    public ILocator PanelOf(string value) => Panel.Filter(new() { Has = page.GetByTestId("observable-value").Filter(new() { HasText = value }) });

    /// <summary>
    /// After Show info on <paramref name="value"/>: its panel, through Request with the default groups when nothing was
    /// cached (from the window «Подробнее» through Enrich when that opened).
    /// </summary>
    public async Task RequestIfNotCachedAsync(string value)
    {
        await Assertions.Expect(AnyWindow.Or(Summary).Or(PanelOf(value))).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (await Summary.IsVisibleAsync())
        {
            await Summary.Locator("a[data-enrich]").ClickAsync();
            await Assertions.Expect(AnyWindow).ToBeVisibleAsync();
        }

        if (await AnyWindow.IsVisibleAsync())
        {
            await AnyWindow.Locator("button[type=submit]").ClickAsync();
        }

        await Assertions.Expect(PanelOf(value)).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

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
