using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Screenshots;

/// <summary>
/// README's pictures: the details panel of the phishing URL beside the events, reached as KUMA's flow goes (the event
/// in the table, its URL, Show info from Threat Lookup, then Details → Enrich → Request when nothing is cached yet),
/// in English and in Russian, in an app already running in demo mode (<c>KUMATIP_SCREENSHOT_APP</c>, default
/// http://localhost:5080). The Russian picture goes beside the English one, with <c>.ru</c> before the extension.
/// </summary>
public sealed class DetailsPanelScreenshot
{
    public const string AppVariable = "KUMATIP_SCREENSHOT_APP";
    private const string PhishingUrl = "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe";

    // The demo analyst of tenant Main, as the demo banner and README.md print it.
    private const string DemoAnalyst = "analyst.main";
    private const string DemoAnalystPassword = "Demo-Analyst-2026!";

    [ScreenshotFact]
    public Task Demo_analyst_opens_the_details_panel_of_the_phishing_URL_in_English() =>
        SaveAsync("EN", "Event information", "Show info from Threat Lookup", "URL information", "Dangerous");

    [ScreenshotFact]
    public Task Demo_analyst_opens_the_details_panel_of_the_phishing_URL_in_Russian() =>
        SaveAsync("RU", "Информация о событии", "Показать информацию из Threat Lookup", "Информация о URL", "Опасное");

    private static async Task SaveAsync(string language, string eventInformation, string showInfo, string urlInformation, string dangerous)
    {
        var path = Path.GetFullPath(Environment.GetEnvironmentVariable(ScreenshotFactAttribute.PathVariable)!);
        var output = language == "EN" ? path : Path.ChangeExtension(path, ".ru" + Path.GetExtension(path));
        var app = Environment.GetEnvironmentVariable(AppVariable) is { Length: > 0 } given ? given : "http://localhost:5080";
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(BrowserSuite.ChromiumLaunchOptions);
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.TrimEnd('/'),
            // English to sign in (the login page object reads English labels); the language switch then chooses.
            Locale = "en-US",
            TimezoneId = "Europe/Moscow",
            ViewportSize = new() { Width = 1600, Height = 1000 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.RunAsync(async () =>
        {
            var events = new EventsPage(page);
            var lookup = new ThreatLookupPages(page);
            await new LoginPage(page).SignInAsync(DemoAnalyst, DemoAnalystPassword);
            await page.GotoAsync("/Events");
            await new Shell(page).SwitchLanguageAsync(language);
            await page.GotoAsync("/Events?observable=" + Uri.EscapeDataString(PhishingUrl));
            await page.GetByTestId("events-table").Locator("tbody tr").First.Locator("a[data-event-link]").First.ClickAsync();
            await Assertions.Expect(events.DetailsArea.GetByRole(AriaRole.Heading, new() { Name = eventInformation, Exact = true })).ToBeVisibleAsync();

            await events.ShowInfoFromThreatLookupAsync(PhishingUrl, showInfo);
            // A demo data directory used before may already hold the answer: then the panel opens at once.
            await lookup.RequestIfNotCachedAsync(PhishingUrl);
            await Assertions.Expect(lookup.Panel.GetByRole(AriaRole.Heading, new() { Name = urlInformation, Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(lookup.Panel.Locator("[data-zone=Red]").First).ToContainTextAsync(dangerous);

            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await page.ScreenshotAsync(new() { Path = output, Type = ScreenshotType.Png });
        });
        Assert.True(new FileInfo(output).Length > 0, $"no picture written to {output}");
    }
}
