using KumaTip.Application.Observables;
using KumaTip.BrowserTests.Infrastructure;
using KumaTip.IntegrationTests.ThreatLookup.Governance;

namespace KumaTip.BrowserTests.Accessibility;

/// <summary>Who looks at a page: its content and menus differ by role.</summary>
public enum Audience
{
    Anonymous,

    /// <summary>The General administrator: every tenant, every menu.</summary>
    Administrator,

    /// <summary>The walk tenant's administrator: its resources and settings, the licence read-only, a finished task unseen.</summary>
    TenantAdministrator,
    Analyst,
}

/// <summary>
/// One state of a page: where it is (given what <see cref="WalkData"/> seeded) and, optionally, what to open on it
/// before the check (a menu, a panel, a form sent), so that the open state is checked too. <see cref="Arrange"/> sets
/// up what the page shows before it loads, <see cref="Restore"/> undoes it afterwards, so other tests never see it.
/// </summary>
public sealed record WalkedPage(string Name, Audience Audience, Func<WalkData, string> Address, Func<IPage, WalkData, Task>? Open = null)
{
    public Func<BrowserApp, WalkData, Task>? Arrange { get; init; }

    public Func<BrowserApp, WalkData, Task>? Restore { get; init; }

    public override string ToString() => $"{Name} ({Audience})";
}

/// <summary>
/// Every page of KumaTip, in each state worth its own look. A new page joins the walk with one line here: the walk then
/// checks it for console errors, CSP violations, failed requests and axe-core violations, in English and in Russian.
/// </summary>
public static class WalkedPages
{
    public static readonly IReadOnlyList<WalkedPage> All =
    [
        new("Login", Audience.Anonymous, _ => "/Account/Login"),
        new("Login with a wrong password", Audience.Anonymous, _ => "/Account/Login", FailSignInAsync),
        new("Error", Audience.Anonymous, _ => "/Error"),

        new("Events", Audience.Analyst, _ => "/Events"),
        new("Events of an observable", Audience.Analyst, d => "/Events?observable=" + Uri.EscapeDataString(d.Domain)),
        new("Events, tenant picker open", Audience.Administrator, _ => "/Events", (page, _) => page.GetByTestId("tenant-selection").ClickAsync()),
        new("Events, a finished task unseen", Audience.TenantAdministrator, _ => "/Events", (page, _) => page.GetByTestId("task-badge").WaitForAsync()),
        new("Events, licence running out", Audience.Analyst, _ => "/Events", (page, _) => page.GetByTestId("licence-banner").WaitForAsync())
        {
            Arrange = async (app, d) => await (await app.AdminApiClientAsync()).AllocateAsync(null, (d.Analyst.TenantId, 0)),
            Restore = async (app, _) => await (await app.AdminApiClientAsync()).AllocateAsync(null),
        },
        new("Event information", Audience.Analyst, d => d.EventAddress),
        new("Event information, observable menu open", Audience.Analyst, d => d.EventAddress, (page, _) => page.Locator("details.observable-menu summary").First.ClickAsync()),
        new("Event information, Threat Lookup panel beside it", Audience.Analyst, d => d.EventAddress, OpenSidePanelAsync),
        new("Event information", Audience.Administrator, d => d.EventAddress),

        new("Threat Lookup enrichment window", Audience.Analyst, d => $"/ThreatLookup?value={Uri.EscapeDataString(d.Domain)}&type=domain&tenantId={d.Analyst.TenantId}&choose=true"),
        new("Threat Lookup enrichment window, uncached", Audience.Analyst, d => $"/ThreatLookup?value=uncached-{d.Analyst.TenantId:N}.example.com&type=domain&tenantId={d.Analyst.TenantId}"),
        new("Threat Lookup enrichment window, not an observable", Audience.Analyst, d => $"/ThreatLookup?value=not%20a%20domain&type=domain&tenantId={d.Analyst.TenantId}"),
        new("Threat Lookup details of a domain", Audience.Analyst, d => d.DetailsOf(ObservableCategory.Domain, d.Domain)),
        new("Threat Lookup details of an IP address", Audience.Analyst, d => d.DetailsOf(ObservableCategory.Ip, WalkData.CachedOthers[0].Value)),
        new("Threat Lookup details of a URL", Audience.Analyst, d => d.DetailsOf(ObservableCategory.Url, WalkData.CachedOthers[1].Value)),
        new("Threat Lookup details of a file", Audience.Analyst, d => d.DetailsOf(ObservableCategory.Hash, WalkData.CachedOthers[2].Value)),
        new("Threat Lookup details of an address TIP does not know", Audience.Analyst, d => d.DetailsOf(ObservableCategory.Ip, WalkData.UnknownIp)),
        new("Threat Lookup progress", Audience.Analyst, d => $"/ThreatLookup/Progress/{d.TaskId}"),
        new("Look up an observable", Audience.Analyst, _ => "/ThreatLookup/Search"),
        new("Look up an observable, not an observable", Audience.Analyst, _ => "/ThreatLookup/Search?value=not%20an%20observable"),
        new("Bulk lookup", Audience.Analyst, _ => "/ThreatLookup/Bulk"),
        new("Bulk lookup, checked", Audience.Analyst, _ => "/ThreatLookup/Bulk", CheckBulkAsync),
        new("Bulk lookup, checked", Audience.Administrator, _ => "/ThreatLookup/Bulk", CheckBulkAsync),
        new("Bulk lookup, queued", Audience.Analyst, _ => "/ThreatLookup/Bulk", QueueBulkAsync),
        new("Threat Lookup usage", Audience.Analyst, _ => "/ThreatLookup/Usage"),
        new("Threat Lookup usage, a date that is no date", Audience.Analyst, _ => "/ThreatLookup/Usage?from=yesterday"),
        new("Threat Lookup usage", Audience.Administrator, _ => "/ThreatLookup/Usage"),
        new("Task manager", Audience.Analyst, _ => "/Tasks"),
        new("Task manager", Audience.Administrator, _ => "/Tasks"),
        new("Task result", Audience.Analyst, d => $"/Tasks/{d.TaskId}/Result"),
        new("Profile", Audience.Analyst, _ => "/Profile"),
        new("Access denied", Audience.Analyst, _ => "/Account/AccessDenied"),

        new("Secrets", Audience.Administrator, _ => "/Resources/Secrets"),
        new("New secret", Audience.Administrator, _ => "/Resources/Secrets/Edit"),
        new("Secret", Audience.Administrator, d => $"/Resources/Secrets/Edit?id={d.SecretId}"),
        new("Secrets", Audience.TenantAdministrator, _ => "/Resources/Secrets"),
        new("Proxies", Audience.Administrator, _ => "/Resources/Proxies"),
        new("New proxy", Audience.Administrator, _ => "/Resources/Proxies/Edit"),
        new("Ingestion tokens", Audience.Administrator, _ => "/Resources/IngestionTokens"),
        new("Threat Lookup settings", Audience.Administrator, _ => "/Settings/ThreatLookup"),
        new("Threat Lookup settings", Audience.TenantAdministrator, _ => "/Settings/ThreatLookup"),
        new("Licence allocation", Audience.Administrator, _ => "/Settings/Licence"),
        new("Licence allocation, read-only", Audience.TenantAdministrator, _ => "/Settings/Licence"),
        new("Users", Audience.Administrator, _ => "/Admin/Users"),
        new("New user", Audience.Administrator, _ => "/Admin/Users/Edit"),
        new("User", Audience.Administrator, d => $"/Admin/Users/Edit?id={d.Analyst.User.Id}"),
        new("Tenants", Audience.Administrator, _ => "/Admin/Tenants"),
        new("Tenant", Audience.Administrator, d => $"/Admin/Tenants/Edit/{d.Analyst.TenantId}"),
        new("Audit", Audience.Administrator, _ => "/Admin/Audit"),
        new("Audit", Audience.TenantAdministrator, _ => "/Admin/Audit"),
        new("Profile", Audience.Administrator, _ => "/Profile"),
    ];

    private static async Task FailSignInAsync(IPage page, WalkData data)
    {
        await page.Locator("input[name=UserName]").FillAsync("nobody");
        await page.Locator("input[name=Password]").FillAsync("wrong password");
        await page.Locator("button[type=submit].primary").ClickAsync();
        await page.Locator("[role=alert] li").First.WaitForAsync();
    }

    private static async Task OpenSidePanelAsync(IPage page, WalkData data)
    {
        var menu = page.Locator("details.observable-menu").Filter(new() { HasText = data.Domain }).First;
        await menu.Locator("summary").ClickAsync();
        await menu.Locator("a[data-threat-lookup]").ClickAsync();
        await page.GetByTestId("side-panel").Locator("h1").WaitForAsync();
    }

    /// <summary>Every kind of line: cached (free), not cached, not an observable, private, and a repeat.</summary>
    private static async Task CheckBulkAsync(IPage page, WalkData data)
    {
        string[] lines = [data.Domain, $"hxxp://bulk-{data.Analyst.TenantId:N}[.]example.com/x", "not an observable", "10.0.0.1", data.Domain];
        await page.Locator("#bulk-values").FillAsync(string.Join('\n', lines));
        await page.Locator("button[formaction*=Check]").ClickAsync();
        await page.GetByTestId("bulk-lines").WaitForAsync();
    }

    /// <summary>Only what the cache holds, so the walk spends nothing.</summary>
    private static async Task QueueBulkAsync(IPage page, WalkData data)
    {
        await page.Locator("#bulk-values").FillAsync(data.Domain);
        await page.Locator("button[formaction*=Check]").ClickAsync();
        await page.GetByTestId("bulk-queue").ClickAsync();
        await page.GetByTestId("bulk-lines").Locator("a").WaitForAsync();
    }
}
