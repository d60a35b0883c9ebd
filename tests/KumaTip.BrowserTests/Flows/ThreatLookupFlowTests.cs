using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Flows;

/// <summary>An analyst reads an event, asks Threat Lookup about its URL, and sees the answer in the panel and the events table.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThreatLookupFlowTests(BrowserSuite suite)
{
    private const string PhishingUrl = "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe";

    // The cache is shared by every tenant, so this is the one test that asks about this URL: first the window, then the cache.
    [Fact]
    public async Task Analyst_looks_up_a_URL_from_an_event_then_reopens_and_refreshes_it()
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var download = "Download " + Guid.NewGuid().ToString("N")[..6];
        await suite.App.IngestAsync(
            analyst.TenantId,
            ("Logon " + Guid.NewGuid().ToString("N")[..6], new { SourceUserName = "j.doe" }),
            (download, new { RequestUrl = PhishingUrl, DestinationHostName = "dd.daywinners.com" }),
            ("Quiet " + Guid.NewGuid().ToString("N")[..6], new { DestinationHostName = "quiet.example.org" }));
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            var events = new EventsPage(page);
            var lookup = new ThreatLookupPages(page);
            await page.GotoAsync("/");
            await shell.OpenAsync("Events");
            var eventAddress = await events.OpenEventAsync(download);

            // The pages of the flow, as links and browsers without scripts reach them: the window, the progress, the panel.
            await page.GotoAsync($"/ThreatLookup?value={Uri.EscapeDataString(PhishingUrl)}&type=url&tenantId={analyst.TenantId}");
            await Assertions.Expect(lookup.Window).ToBeVisibleAsync();
            await lookup.RequestAsync("UrlGeneralInfo", "UrlDomainWhoIs");
            await lookup.WaitForPanelAsync();

            await Assertions.Expect(lookup.Panel.GetByRole(AriaRole.Heading, new() { Name = "URL information", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(lookup.Panel.Locator("[data-zone=Red]").First).ToHaveTextAsync("Dangerous");
            await Assertions.Expect(lookup.Panel.GetByText("Phishing", new() { Exact = true }).First).ToBeVisibleAsync();
            await Assertions.Expect(lookup.Panel.GetByText("dd.daywinners.com", new() { Exact = true }).First).ToBeVisibleAsync();
            var first = await lookup.UpdateTimeAsync();
            Assert.True(first > DateTimeOffset.UtcNow.AddMinutes(-5), $"update time {first}");

            await shell.SwitchLanguageAsync("RU");
            await Assertions.Expect(lookup.Panel.GetByRole(AriaRole.Heading, new() { Name = "Информация о URL", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(lookup.Panel.Locator("[data-zone=Red]").First).ToHaveTextAsync("Опасное");
            await shell.SwitchLanguageAsync("EN");

            // Cached now: the panel opens beside the event (its own page), without leaving it, and closes again.
            await page.GotoAsync(eventAddress);
            var eventPage = page.Url;
            await events.ShowInfoFromThreatLookupAsync(PhishingUrl);
            await Assertions.Expect(lookup.SidePanel.GetByTestId("observable-panel")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Event information" })).ToBeVisibleAsync();
            Assert.Equal(eventPage, page.Url);
            await Assertions.Expect(lookup.Window).ToHaveCountAsync(0);
            Assert.Equal(first, await lookup.UpdateTimeAsync());
            await lookup.SidePanel.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Assertions.Expect(lookup.SidePanel).ToBeHiddenAsync();

            // Refresh data from the panel beside the event posts with the event page's antiforgery token; the progress
            // takes the panel's place and turns into the refreshed panel, still beside the event.
            await events.ShowInfoFromThreatLookupAsync(PhishingUrl);
            var shown = await lookup.UpdatedAt.GetAttributeAsync("datetime");
            await lookup.RefreshDataAsync();
            await Assertions.Expect(lookup.SidePanel.Locator($"[data-testid=updated-at]:not([datetime='{shown}'])"))
                .ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.True(await lookup.UpdateTimeAsync() > first, "Refresh data did not update the time");
            Assert.Equal(eventPage, page.Url);

            await shell.OpenAsync("Events");
            await Assertions.Expect(events.Row(download).Locator(".zone.red")).ToHaveTextAsync("Dangerous");
        });
    }
}
