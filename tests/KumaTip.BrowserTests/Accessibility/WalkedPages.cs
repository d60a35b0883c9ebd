namespace KumaTip.BrowserTests.Accessibility;

/// <summary>Who looks at a page: its content and menus differ by role.</summary>
public enum Audience
{
    Anonymous,
    Administrator,
    Analyst,
}

/// <summary>
/// One page of the walk: where it is (given what <see cref="WalkData"/> seeded) and, optionally, what to open on it
/// before the check (a menu, a panel), so that the open state is checked too.
/// </summary>
public sealed record WalkedPage(string Name, Audience Audience, Func<WalkData, string> Address, Func<IPage, Task>? Open = null)
{
    public override string ToString() => $"{Name} ({Audience})";
}

/// <summary>
/// Every page of KumaTip. A new page joins the walk with one line here: the walk then checks it for console errors,
/// CSP violations, failed requests and axe-core violations, in English and in Russian.
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
        new("Events, tenant picker open", Audience.Administrator, _ => "/Events", page => page.GetByTestId("tenant-selection").ClickAsync()),
        new("Event information", Audience.Analyst, d => d.EventAddress),
        new("Event information, observable menu open", Audience.Analyst, d => d.EventAddress, page => page.Locator("details.observable-menu summary").First.ClickAsync()),
        new("Event information", Audience.Administrator, d => d.EventAddress),
        new("Threat Lookup enrichment window", Audience.Analyst, d => $"/ThreatLookup?value={Uri.EscapeDataString(d.Domain)}&type=domain&tenantId={d.Analyst.TenantId}&choose=true"),
        new("Threat Lookup enrichment window, uncached", Audience.Analyst, d => $"/ThreatLookup?value=uncached-{d.Analyst.TenantId:N}.example.com&type=domain&tenantId={d.Analyst.TenantId}"),
        new("Threat Lookup details panel", Audience.Analyst, d => $"/ThreatLookup/Details?value={Uri.EscapeDataString(d.Domain)}&type=domain&tenantId={d.Analyst.TenantId}"),
        new("Threat Lookup progress", Audience.Analyst, d => $"/ThreatLookup/Progress/{d.TaskId}"),
        new("Task manager", Audience.Analyst, _ => "/Tasks"),
        new("Task manager", Audience.Administrator, _ => "/Tasks"),
        new("Task result", Audience.Analyst, d => $"/Tasks/{d.TaskId}/Result"),
        new("Profile", Audience.Analyst, _ => "/Profile"),
        new("Access denied", Audience.Analyst, _ => "/Account/AccessDenied"),

        new("Secrets", Audience.Administrator, _ => "/Resources/Secrets"),
        new("New secret", Audience.Administrator, _ => "/Resources/Secrets/Edit"),
        new("Secret", Audience.Administrator, d => $"/Resources/Secrets/Edit?id={d.SecretId}"),
        new("Proxies", Audience.Administrator, _ => "/Resources/Proxies"),
        new("New proxy", Audience.Administrator, _ => "/Resources/Proxies/Edit"),
        new("Ingestion tokens", Audience.Administrator, _ => "/Resources/IngestionTokens"),
        new("Threat Lookup settings", Audience.Administrator, _ => "/Settings/ThreatLookup"),
        new("Users", Audience.Administrator, _ => "/Admin/Users"),
        new("New user", Audience.Administrator, _ => "/Admin/Users/Edit"),
        new("User", Audience.Administrator, d => $"/Admin/Users/Edit?id={d.Analyst.User.Id}"),
        new("Tenants", Audience.Administrator, _ => "/Admin/Tenants"),
        new("Audit", Audience.Administrator, _ => "/Admin/Audit"),
        new("Profile", Audience.Administrator, _ => "/Profile"),
    ];

    private static async Task FailSignInAsync(IPage page)
    {
        await page.Locator("input[name=UserName]").FillAsync("nobody");
        await page.Locator("input[name=Password]").FillAsync("wrong password");
        await page.Locator("button[type=submit].primary").ClickAsync();
        await page.Locator("[role=alert] li").First.WaitForAsync();
    }
}
