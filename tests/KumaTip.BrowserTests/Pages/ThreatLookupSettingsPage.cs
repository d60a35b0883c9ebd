namespace KumaTip.BrowserTests;

/// <summary>Settings → Kaspersky Threat Lookup.</summary>
public sealed class ThreatLookupSettingsPage(IPage page)
{
    public ILocator Disabled => page.GetByLabel("Disabled", new() { Exact = true });

    public ILocator Secret => page.GetByLabel("Secret", new() { Exact = true });

    public ILocator Proxy => page.GetByLabel("Proxy server", new() { Exact = true });

    /// <param name="secretPassword">The chosen secret's password, entered again: needed when the TIP address is not Kaspersky's.</param>
    public async Task SaveAsync(string secretOption, string proxyOption, string? secretPassword = null)
    {
        await Disabled.SetCheckedAsync(false);
        await Secret.SelectOptionAsync(new SelectOptionValue { Label = secretOption });
        if (secretPassword is not null)
        {
            await page.GetByLabel("Password of the chosen secret", new() { Exact = true }).FillAsync(secretPassword);
        }

        await Proxy.SelectOptionAsync(new SelectOptionValue { Label = proxyOption });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
    }

    /// <summary>Clicks "Test connection" (one request to TIP) and returns the result box.</summary>
    public async Task<ILocator> TestConnectionAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection", Exact = true }).ClickAsync();
        return page.GetByTestId("test-result");
    }
}
