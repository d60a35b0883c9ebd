namespace KumaTip.BrowserTests;

/// <summary>Resources → Proxies → Add.</summary>
public sealed class ProxyForm(IPage page)
{
    public async Task CreateAsync(string name, string tenant, string url, string bypass)
    {
        await page.GetByLabel("Name*", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Tenant*", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = tenant });
        await page.GetByLabel("URL*", new() { Exact = true }).FillAsync(url);
        await page.GetByLabel("Bypass list").FillAsync(bypass);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
    }
}
