using System.Text.RegularExpressions;

namespace KumaTip.BrowserTests;

/// <summary>What every signed-in page has: the navigation, the tenant picker and the EN/RU switch.</summary>
public sealed partial class Shell(IPage page)
{
    public ILocator Navigation => page.GetByRole(AriaRole.Navigation);

    /// <summary>A menu item by its name, with or without the counter beside it ("Task manager 1").</summary>
    public ILocator NavLink(string name) => Navigation.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^{Regex.Escape(name)}(\\s+\\d+)?$") });

    /// <summary>The counter beside "Task manager": the user's finished tasks he has not seen.</summary>
    public ILocator TaskBadge => Navigation.GetByTestId("task-badge");

    /// <summary>The look-up box in the header: types a value and presses Enter.</summary>
    public async Task LookUpAsync(string value)
    {
        var box = page.GetByTestId("header-search").GetByRole(AriaRole.Searchbox);
        await box.FillAsync(value);
        await box.PressAsync("Enter");
    }

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
