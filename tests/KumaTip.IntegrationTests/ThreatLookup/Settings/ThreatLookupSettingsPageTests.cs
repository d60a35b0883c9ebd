using System.Net;
using System.Text;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Proxies;
using KumaTip.IntegrationTests.Secrets;

namespace KumaTip.IntegrationTests.ThreatLookup.Settings;

/// <summary>Settings → Kaspersky Threat Lookup through real form posts; one app per class (the settings are one row).</summary>
public abstract class ThreatLookupSettingsPageTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    private const string Page = "/Settings/ThreatLookup";

    [Fact]
    public async Task A_general_administrator_chooses_the_secret_and_proxy_and_sets_the_advanced_fields_through_the_form()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var typed = TestSecret.New(tenant);
        var secret = await SecretsApiTests<TDb>.CreateAsync(api, typed);
        var proxy = await ProxiesApiTests<TDb>.CreateAsync(api, tenant, "egress");
        var browser = await app.SignInAsAdminAsync();
        var before = await browser.PageAsync(Page);
        var form = new MultipartFormDataContent
        {
            { new StringContent("true"), "Input.Disabled" },
            { new StringContent(secret.Id.ToString()), "Input.SecretId" },
            { new StringContent(typed.Password), "Input.SecretPassword" },
            { new StringContent(proxy.Id.ToString()), "Input.ProxyId" },
            { new StringContent("https://127.0.0.1:9443"), "Input.BaseUrl" },
            { new StringContent(""), "Input.PortalUrl" },
            { new StringContent("300"), "Input.LicenceQuota" },
            { new StringContent("2027-06-30"), "Input.LicencePeriodEnd" },
            { new StringContent("5"), "Input.CacheFreshnessDays" },
            { new StringContent("6"), "Input.NotFoundFreshnessHours" },
            { new StringContent("3"), "Input.MaxParallelRequests" },
            { new StringContent("20"), "Input.RequestTimeoutSeconds" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes(TestCertificates.CaPem("CN=Page Upload CA"))), "ExtraCa", "inspection-ca.pem" },
        };

        var response = await browser.PostMultipartAsync(Page, form);
        var settings = (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;
        var after = await browser.PageAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"<option value=\"{secret.Id}\">{secret.Name} (", before, StringComparison.Ordinal);
        Assert.Contains("<option value=\"\">none</option>", before, StringComparison.Ordinal);
        Assert.Contains("<details", before, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"test-connection\"", before, StringComparison.Ordinal);
        Assert.Equal((true, secret.Id, proxy.Id, "https://127.0.0.1:9443", "https://tip.kaspersky.com"), (settings.Disabled, settings.SecretId, settings.ProxyId, settings.BaseUrl, settings.PortalUrl));
        Assert.Equal((300, new DateOnly(2027, 6, 30), 5, 6, 3, 20), (settings.LicenceQuota, settings.LicencePeriodEnd, settings.CacheFreshnessDays, settings.NotFoundFreshnessHours, settings.MaxParallelRequests, settings.RequestTimeoutSeconds));
        Assert.Equal("CN=Page Upload CA", settings.ExtraCaCertificates.Single().Subject);
        Assert.Contains("CN=Page Upload CA", after, StringComparison.Ordinal);
        Assert.Matches($"<option [^>]*(selected=\"selected\"[^>]*value=\"{secret.Id}\"|value=\"{secret.Id}\"[^>]*selected=\"selected\")", after);
    }

    [Fact]
    public async Task A_bad_ca_file_is_explained_on_the_page()
    {
        var browser = await app.SignInAsAdminAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent("true"), "Input.Disabled" },
            { new ByteArrayContent(TestCertificates.Garbage(512)), "ExtraCa", "ca.pem" },
        };

        var response = await browser.PostMultipartAsync(Page, form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file is not a certificate.", await response.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_administrator_sees_the_settings_read_only_and_cannot_save_them()
    {
        var user = await app.CreateUserAsync(Roles.TenantAdministrator, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(user.UserName, user.Password);
        var api = await app.AdminApiClientAsync();
        var before = (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!;

        var page = await browser.PageAsync(Page);
        var post = await browser.PostMultipartAsync(Page, new MultipartFormDataContent { { new StringContent((!before.Disabled).ToString()), "Input.Disabled" } });

        Assert.Contains("data-testid=\"read-only\"", page, StringComparison.Ordinal);
        Assert.Contains("<fieldset disabled=\"disabled\">", page, StringComparison.Ordinal);
        var settingsForm = page[page.IndexOf("data-testid=\"settings-form\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("type=\"submit\"", settingsForm[..settingsForm.IndexOf("</form>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Contains("Only a General administrator can change the Threat Lookup settings.", await post.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(before.Version, (await api.GetFromJsonAsync<SettingsDto>("/api/v1/settings/threat-lookup"))!.Version);
    }

    [Fact]
    public async Task The_page_speaks_russian()
    {
        var browser = await app.SignInAsAdminAsync();
        await browser.SwitchToRussianAsync();

        var page = await browser.PageAsync(Page);

        foreach (var label in new[] { "Выключено", "Секрет", "Прокси-сервер", "Сохранить", "Дополнительно" })
        {
            Assert.Contains(label, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_analyst_cannot_open_the_page()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        var response = await browser.GetAsync(Page);

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class ThreatLookupSettingsPageTestsOnSqlite(KumaTipApp<OnSqlite> app) : ThreatLookupSettingsPageTests<OnSqlite>(app);

public sealed class ThreatLookupSettingsPageTestsOnPostgres(KumaTipApp<OnPostgres> app) : ThreatLookupSettingsPageTests<OnPostgres>(app);
