using KumaTip.BrowserTests.Infrastructure;

namespace KumaTip.BrowserTests.Flows;

/// <summary>An administrator stores the TIP account, a proxy server and the Threat Lookup settings through the pages.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ResourcesTests(BrowserSuite suite) : IDisposable
{
    private readonly string _pfxPath = WritePfx(suite.App.Simulator.Certificates.ClientPfxBytes);

    public void Dispose() => File.Delete(_pfxPath);

    [Fact]
    public async Task Administrator_adds_a_secret_and_sees_it_masked_when_editing()
    {
        var name = "TIP account " + Guid.NewGuid().ToString("N")[..6];
        var page = await suite.AdministratorPageAsync();
        await page.RunAsync(async () =>
        {
            await AddSecretAsync(page, name, suite.App.Simulator.Certificates.ClientPfxPassword);
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The secret was saved.");

            await new Shell(page).OpenAsync("Secrets");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
            await Assertions.Expect(row).ToContainTextAsync("Main");
            await Assertions.Expect(row).ToContainTextAsync("kti");

            await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
            var form = new SecretForm(page);
            await Assertions.Expect(form.Name).ToHaveValueAsync(name);
            foreach (var masked in new[] { form.User, form.Password, form.PfxPassword })
            {
                await Assertions.Expect(masked).ToHaveValueAsync(string.Empty);
                await Assertions.Expect(masked).ToHaveAttributeAsync("placeholder", "••••••");
            }

            await Assertions.Expect(page.GetByTestId("certificate")).ToBeVisibleAsync();
            Assert.DoesNotContain(suite.App.Simulator.Password, await page.ContentAsync(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_wrong_PFX_password_shows_its_message()
    {
        var page = await suite.AdministratorPageAsync();
        await page.RunAsync(async () =>
        {
            await AddSecretAsync(page, "Wrong " + Guid.NewGuid().ToString("N")[..6], "not-the-pfx-password");

            await Assertions.Expect(new SecretForm(page).Errors).ToContainTextAsync("The PFX password is wrong.");
        });
    }

    [Fact]
    public async Task Administrator_adds_a_proxy_and_chooses_secret_and_proxy_in_the_Threat_Lookup_settings()
    {
        var secret = "Settings secret " + Guid.NewGuid().ToString("N")[..6];
        var proxy = "Proxy " + Guid.NewGuid().ToString("N")[..6];
        var page = await suite.AdministratorPageAsync();
        try
        {
            await page.RunAsync(async () =>
            {
                await AddSecretAsync(page, secret, suite.App.Simulator.Certificates.ClientPfxPassword);
                await new Shell(page).OpenAsync("Proxies");
                await page.GetByRole(AriaRole.Link, new() { Name = "Add", Exact = true }).ClickAsync();
                await new ProxyForm(page).CreateAsync(proxy, "Main", "http://127.0.0.1:3128", "127.0.0.1\n<local>");
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The proxy server was saved.");
                await Assertions.Expect(page.GetByLabel("Bypass list")).ToHaveValueAsync("127.0.0.1\n<local>");
                await new Shell(page).OpenAsync("Proxies");
                await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = proxy })).ToContainTextAsync("http://127.0.0.1:3128");

                await new Shell(page).OpenAsync("Kaspersky Threat Lookup");
                var settings = new ThreatLookupSettingsPage(page);
                await settings.Disabled.SetCheckedAsync(true);
                // The TIP address is the simulator's, not Kaspersky's: choosing a secret for it takes its password again.
                await settings.SaveAsync($"{secret} (Main)", $"{proxy} (Main)", suite.App.Simulator.Password);

                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The settings were saved.");
                await Assertions.Expect(settings.Disabled).Not.ToBeCheckedAsync();
                await Assertions.Expect(settings.Secret.Locator("option:checked")).ToHaveTextAsync($"{secret} (Main)");
                await Assertions.Expect(settings.Proxy.Locator("option:checked")).ToHaveTextAsync($"{proxy} (Main)");

                // The simulator is on 127.0.0.1, which the proxy's bypass list sends direct.
                var result = await settings.TestConnectionAsync();
                await Assertions.Expect(result).ToContainTextAsync("Connected: TIP answered 200");
                await Assertions.Expect(page.GetByTestId("license-info")).ToContainTextAsync("requests today:");
            });
        }
        finally
        {
            await suite.App.ConfigureAsync();
        }
    }

    private async Task AddSecretAsync(IPage page, string name, string pfxPassword)
    {
        await page.GotoAsync("/Events");
        await new Shell(page).OpenAsync("Secrets");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add", Exact = true }).ClickAsync();
        var form = new SecretForm(page);
        await form.FillAsync(name, "Main", suite.App.Simulator.UserName, suite.App.Simulator.Password, _pfxPath, pfxPassword, "Browser test");
        await form.CreateAsync();
    }

    private static string WritePfx(byte[] pfx)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kti-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, pfx);
        return path;
    }
}
