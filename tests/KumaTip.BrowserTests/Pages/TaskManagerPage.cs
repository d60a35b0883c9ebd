namespace KumaTip.BrowserTests;

/// <summary>Task manager: rows per task, Show only mine, Show result, Restart.</summary>
public sealed class TaskManagerPage(IPage page)
{
    public ILocator Rows(string titlePart) => page.GetByRole(AriaRole.Row).Filter(new() { HasText = titlePart });

    public ILocator ShowOnlyMine => page.GetByLabel("Show only mine");

    public async Task ShowOnlyMineAsync(bool mine)
    {
        await ShowOnlyMine.SetCheckedAsync(mine);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter", Exact = true }).ClickAsync();
    }

    public Task ShowResultAsync(ILocator row) => row.GetByRole(AriaRole.Link, new() { Name = "Show result" }).ClickAsync();

    public Task RestartAsync(ILocator row) => row.GetByRole(AriaRole.Button, new() { Name = "Restart" }).ClickAsync();
}
