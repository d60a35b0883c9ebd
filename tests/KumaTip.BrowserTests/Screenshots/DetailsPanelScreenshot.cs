using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Screenshots;

/// <summary>
/// README's picture: the details panel of the phishing URL, reached the way the README's demo walk-through says,
/// in an app already running in demo mode (<c>KUMATIP_SCREENSHOT_APP</c>, default http://localhost:5080).
/// </summary>
public sealed class DetailsPanelScreenshot
{
    public const string AppVariable = "KUMATIP_SCREENSHOT_APP";
    private const string PhishingUrl = "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe";

    // The demo analyst of tenant Main, as the demo banner and README.md print it.
    private const string DemoAnalyst = "analyst.main";
    private const string DemoAnalystPassword = "Demo-Analyst-2026!";

    [ScreenshotFact]
    public async Task Demo_analyst_opens_the_details_panel_of_the_phishing_URL()
    {
        var output = Path.GetFullPath(Environment.GetEnvironmentVariable(ScreenshotFactAttribute.PathVariable)!);
        var app = Environment.GetEnvironmentVariable(AppVariable) is { Length: > 0 } given ? given : "http://localhost:5080";
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(BrowserSuite.ChromiumLaunchOptions);
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.TrimEnd('/'),
            Locale = "en-US",
            ViewportSize = new() { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.RunAsync(async () =>
        {
            var events = new EventsPage(page);
            var lookup = new ThreatLookupPages(page);
            await new LoginPage(page).SignInAsync(DemoAnalyst, DemoAnalystPassword);
            await new Shell(page).OpenAsync("Events");
            await page.GetByLabel("Observable", new() { Exact = true }).FillAsync(PhishingUrl);
            await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Row).Filter(new() { HasText = PhishingUrl }).First
                .GetByRole(AriaRole.Link, new() { Name = "File download", Exact = true }).ClickAsync();
            await Assertions.Expect(events.DetailsArea.GetByRole(AriaRole.Heading, new() { Name = "Event information" })).ToBeVisibleAsync();

            await events.ShowInfoFromThreatLookupAsync(PhishingUrl);
            // A demo data directory used before may already hold the answer: then the panel opens at once.
            await lookup.RequestIfNotCachedAsync(PhishingUrl);
            await Assertions.Expect(lookup.Panel.GetByRole(AriaRole.Heading, new() { Name = "URL information", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(lookup.Panel.Locator("[data-zone=Red]").First).ToHaveTextAsync("Dangerous");
            await Assertions.Expect(lookup.Panel.GetByText("Phishing", new() { Exact = true }).First).ToBeVisibleAsync();

            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await page.ScreenshotAsync(new() { Path = output, Type = ScreenshotType.Png });
        });
        Assert.True(new FileInfo(output).Length > 0, $"no picture written to {output}");
    }
}
