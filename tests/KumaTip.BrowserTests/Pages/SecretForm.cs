namespace KumaTip.BrowserTests;

/// <summary>Resources → Secrets → Add / edit.</summary>
public sealed class SecretForm(IPage page)
{
    public ILocator Name => page.GetByLabel("Name*", new() { Exact = true });

    public ILocator User => page.GetByLabel("User*", new() { Exact = true });

    public ILocator Password => page.GetByLabel("Password*", new() { Exact = true });

    public ILocator PfxPassword => page.GetByLabel("PFX password*", new() { Exact = true });

    public ILocator Errors => page.GetByRole(AriaRole.Alert);

    public async Task FillAsync(string name, string tenant, string user, string password, string pfxPath, string pfxPassword, string description)
    {
        await Name.FillAsync(name);
        await page.GetByLabel("Tenant*", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = tenant });
        await page.GetByLabel("Type*", new() { Exact = true }).SelectOptionAsync("kti");
        await User.FillAsync(user);
        await Password.FillAsync(password);
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Upload PFX" }).ClickAsync());
        await chooser.SetFilesAsync(pfxPath);
        await Assertions.Expect(page.GetByText(Path.GetFileName(pfxPath), new() { Exact = true })).ToBeVisibleAsync();
        await PfxPassword.FillAsync(pfxPassword);
        await page.GetByLabel("Description").FillAsync(description);
    }

    public Task CreateAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
}
