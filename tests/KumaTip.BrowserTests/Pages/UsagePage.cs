namespace KumaTip.BrowserTests;

/// <summary>Threat Lookup → Usage: the licence, the tenants' shares and the per-user, per-day table.</summary>
public sealed class UsagePage(IPage page)
{
    public ILocator Heading(string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    public ILocator TenantRow(string tenantName) => page.GetByTestId("usage-tenants").GetByRole(AriaRole.Row).Filter(new() { HasText = tenantName });

    public ILocator DayRow(string userName) => page.GetByTestId("usage-days").GetByRole(AriaRole.Row).Filter(new() { HasText = userName });

    public ILocator Banner => page.GetByTestId("licence-banner");
}
