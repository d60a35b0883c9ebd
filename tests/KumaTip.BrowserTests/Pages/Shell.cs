using System.Text.RegularExpressions;

namespace KumaTip.BrowserTests;

/// <summary>What every signed-in page has: the navigation, the tenant picker and the EN/RU switch.</summary>
public sealed partial class Shell(IPage page)
{
    public ILocator Navigation => page.GetByRole(AriaRole.Navigation);

    public ILocator NavLink(string name) => Navigation.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public Task OpenAsync(string menuItem) => NavLink(menuItem).ClickAsync();

    public Task SwitchLanguageAsync(string language) =>
        page.GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();

    public ILocator TenantSelection => page.GetByTestId("tenant-selection");

    public async Task<int> SelectedTenantCountAsync()
    {
        var text = await TenantSelection.InnerTextAsync();
        return int.Parse(CountPattern().Match(text).Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Opens the picker, ticks or clears one tenant and applies.</summary>
    public async Task SetTenantSelectedAsync(string tenantName, bool selected)
    {
        await TenantSelection.ClickAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = tenantName, Exact = true }).SetCheckedAsync(selected);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply", Exact = true }).ClickAsync();
    }

    public async Task<bool> IsTenantSelectedAsync(string tenantName)
    {
        await TenantSelection.ClickAsync();
        var ticked = await page.GetByRole(AriaRole.Checkbox, new() { Name = tenantName, Exact = true }).IsCheckedAsync();
        await TenantSelection.ClickAsync();
        return ticked;
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex CountPattern();
}
