using System.Collections.Concurrent;
using KumaTip.Application.Identity;

namespace KumaTip.BrowserTests.Infrastructure;

/// <summary>
/// One app and one headless Chromium for every browser test (they share a collection, so they run one after another).
/// A user signs in through the login form once; later pages of that user start from the saved cookies.
/// </summary>
public sealed class BrowserSuite : IAsyncLifetime
{
    /// <summary>Debian's Chromium: Playwright never downloads a browser of its own here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The browser's time zone (UTC+3, no daylight saving time).</summary>
    public const string ReaderTimeZone = "Europe/Moscow";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

    /// <summary>Headless Debian Chromium, as every browser test and the README screenshot launch it.</summary>
    public static BrowserTypeLaunchOptions ChromiumLaunchOptions => new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs };

    private readonly ConcurrentDictionary<string, string> _signedIn = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserApp App { get; } = new();

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        await ((IAsyncLifetime)App).InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(ChromiumLaunchOptions);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await ((IAsyncLifetime)App).DisposeAsync();
    }

    public Task<IPage> AdministratorPageAsync() => PageOfAsync(AdminBootstrap.AdminUserName, KumaTipApp<OnSqlite>.AdminPassword);

    /// <summary>A fresh page (own context) signed in as the user; the login form is filled only the first time.</summary>
    public async Task<IPage> PageOfAsync(string userName, string password)
    {
        if (!_signedIn.TryGetValue(userName, out var state))
        {
            var first = await NewPageAsync(null);
            await new LoginPage(first).SignInAsync(userName, password);
            state = await first.Context.StorageStateAsync();
            _signedIn[userName] = state;
            return first;
        }

        return await NewPageAsync(state);
    }

    public Task<IPage> AnonymousPageAsync() => NewPageAsync(null);

    private async Task<IPage> NewPageAsync(string? storageState)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = App.Address.ToString().TrimEnd('/'),
            Locale = "en-US",
            // Not UTC, so that times written in the reader's zone (the Threat Lookup panel) are seen converted.
            TimezoneId = ReaderTimeZone,
            StorageState = storageState,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSuite>
{
    public const string Name = "Browser";
}
