using System.Net;
using System.Text.Json;
using KumaTip.Application.Identity;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.IntegrationTests.Foundation;
using KumaTip.IntegrationTests.Proxies;
using KumaTip.IntegrationTests.Secrets;
using KumaTip.IntegrationTests.ThreatLookupClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup.Settings;

/// <summary>
/// Credentials go only where they were entered for: the TIP user and password over https only, to Kaspersky's address
/// or to one their password was entered again for; a proxy's user and password to the host they were entered for.
/// </summary>
public abstract class CredentialsBoundToDestinationTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    private const string SettingsApi = "/api/v1/settings/threat-lookup";

    [Theory]
    [InlineData("http://169.254.169.254")]
    [InlineData("http://tip.kaspersky.com")]
    public async Task A_base_url_that_is_not_https_is_refused_and_nothing_is_saved(string baseUrl)
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var before = await api.GetStringAsync(SettingsApi);

        var response = await api.PutAsJsonAsync(SettingsApi, new { disabled = false, secretId = app.SecretId, baseUrl });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal(("url_not_https", "BaseUrl"), (problem.Code, problem.Field));
        Assert.Equal(before, await api.GetStringAsync(SettingsApi));
    }

    [Fact]
    public async Task A_new_base_url_leaves_no_secret_chosen_unless_its_password_is_entered_again()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var simulator = app.Simulator.BaseUrl.ToString();
        var elsewhere = $"https://127.0.0.1:{app.Simulator.BaseUrl.Port}/elsewhere";

        var moved = await SaveAsync(api, new { disabled = false, secretId = app.SecretId, baseUrl = elsewhere });
        var chosenAgainWithoutPassword = await SaveAsync(api, new { disabled = false, secretId = app.SecretId, baseUrl = elsewhere });
        var wrongPassword = await api.PutAsJsonAsync(SettingsApi, new { disabled = false, secretId = app.SecretId, baseUrl = simulator, secretPassword = "not-the-password" });
        var afterWrongPassword = await api.GetFromJsonAsync<JsonElement>(SettingsApi);
        var confirmed = await SaveAsync(api, new { disabled = false, secretId = app.SecretId, baseUrl = simulator, secretPassword = app.Simulator.Password });

        Assert.Null(moved.GetProperty("secretId").GetString());
        Assert.Null(chosenAgainWithoutPassword.GetProperty("secretId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongPassword.StatusCode);
        var problem = (await wrongPassword.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal("SecretPassword", problem.Field);
        Assert.DoesNotContain("not-the-password", await wrongPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(elsewhere, afterWrongPassword.GetProperty("baseUrl").GetString());
        Assert.Equal(app.SecretId, confirmed.GetProperty("secretId").GetGuid());

        // Saved again unchanged, the confirmed pair needs no password; and the lookups work.
        var unchanged = await SaveAsync(api, new { disabled = false, secretId = app.SecretId, baseUrl = simulator, version = confirmed.GetProperty("version").GetInt32() });
        Assert.Equal(app.SecretId, unchanged.GetProperty("secretId").GetGuid());
        var test = await api.PostAsync($"{SettingsApi}/test", null);
        Assert.True((await test.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("succeeded").GetBoolean());
    }

    [Fact]
    public async Task Kaspersky_own_address_needs_no_password()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();

        var saved = await SaveAsync(api, new { disabled = false, secretId = app.SecretId, baseUrl = ThreatLookupSettings.DefaultBaseUrl });

        Assert.Equal(app.SecretId, saved.GetProperty("secretId").GetGuid());
    }

    [Fact]
    public async Task The_settings_page_says_the_secret_was_unselected_when_the_address_changed_without_its_password()
    {
        await app.ConfigureAsync();
        var browser = await app.SignInAsAdminAsync();
        var form = new MultipartFormDataContent
        {
            { new StringContent("false"), "Input.Disabled" },
            { new StringContent(app.SecretId.ToString()), "Input.SecretId" },
            { new StringContent($"https://127.0.0.1:{app.Simulator.BaseUrl.Port}/moved"), "Input.BaseUrl" },
        };

        var response = await browser.PostMultipartAsync("/Settings/ThreatLookup", form);
        var page = await browser.PageAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("data-testid=\"secret-unselected\"", page, StringComparison.Ordinal);
        Assert.Contains("Input_SecretPassword", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_password_on_the_page_is_refused_in_russian_and_never_written_back_into_it()
    {
        await app.ConfigureAsync();
        var browser = await app.SignInAsAdminAsync();
        browser.DefaultRequestHeaders.AcceptLanguage.Clear();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var typed = "typed-" + Guid.NewGuid().ToString("N");
        var form = new MultipartFormDataContent
        {
            { new StringContent("false"), "Input.Disabled" },
            { new StringContent(app.SecretId.ToString()), "Input.SecretId" },
            { new StringContent(typed), "Input.SecretPassword" },
            { new StringContent($"https://127.0.0.1:{app.Simulator.BaseUrl.Port}/other"), "Input.BaseUrl" },
        };

        var response = await browser.PostMultipartAsync("/Settings/ThreatLookup", form);
        var page = await response.HtmlAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Это не тот пароль, который хранится в выбранном секрете.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(typed, page, StringComparison.Ordinal);
        Assert.Equal(app.Simulator.BaseUrl.ToString().TrimEnd('/'), (await (await app.AdminApiClientAsync()).GetFromJsonAsync<JsonElement>(SettingsApi)).GetProperty("baseUrl").GetString()!.TrimEnd('/'));
    }

    [Fact]
    public async Task Lookups_refuse_an_http_base_url_saved_before_https_was_required()
    {
        await app.ConfigureAsync();
        await app.AsAdministratorAsync(async sp =>
        {
            // As an older version stored it: a tracked save, so every in-memory copy of the settings is dropped.
            var db = sp.GetRequiredService<Application.Persistence.AppDbContext>();
            var stored = await db.Set<ThreatLookupSettings>().SingleAsync();
            stored.BaseUrl = "http://127.0.0.1:9";
            return await db.SaveChangesAsync();
        });
        var api = await app.AdminApiClientAsync();

        var before = app.Simulator.RequestCount();
        var test = await api.PostAsync($"{SettingsApi}/test", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, test.StatusCode);
        Assert.Equal("threat_lookup_base_url_not_https", (await test.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Equal(before, app.Simulator.RequestCount());
    }

    [Fact]
    public async Task A_proxy_pointed_at_another_host_by_its_tenant_administrator_does_not_send_it_the_stored_credentials()
    {
        await app.ConfigureAsync();
        var admin = await app.AdminApiClientAsync();
        var proxyPassword = TestCertificates.UniqueSecret("proxypw");
        await using var companyProxy = new ConnectProxy("proxy-user", proxyPassword);
        await using var attackersHost = new ConnectProxy();
        var proxy = await CreateProxyAsync(admin, companyProxy.Url, "proxy-user", proxyPassword);
        var settings = await admin.GetFromJsonAsync<JsonElement>(SettingsApi);
        await SaveAsync(admin, new { disabled = false, secretId = app.SecretId, proxyId = proxy.Id, baseUrl = settings.GetProperty("baseUrl").GetString(), extraCaPem = (string?)null });
        var tenantAdmin = await app.CreateUserAsync(Roles.TenantAdministrator, app.MainTenantId);
        var tenantApi = await app.ApiClientAsync(tenantAdmin.UserName, tenantAdmin.Password);

        var repointed = await tenantApi.PutAsJsonAsync($"/api/v1/proxies/{proxy.Id}", new { name = proxy.Name, tenantId = app.MainTenantId, url = attackersHost.Url.ToString() });
        var repointedDto = (await repointed.Content.ReadFromJsonAsync<ProxyDto>())!;
        await admin.PostAsync($"{SettingsApi}/test", null);

        Assert.Equal(HttpStatusCode.OK, repointed.StatusCode);
        Assert.Equal((false, false), (repointedDto.UserNameSet, repointedDto.PasswordSet));
        Assert.Equal((null, null), await app.UnsealProxyAsync(proxy.Id));
        Assert.NotEmpty(attackersHost.Authorizations);
        Assert.All(attackersHost.Authorizations, header => Assert.Equal("", header));
    }

    [Fact]
    public async Task Credentials_entered_again_in_the_same_save_go_to_the_new_proxy_host()
    {
        await app.ConfigureAsync();
        var admin = await app.AdminApiClientAsync();
        var oldPassword = TestCertificates.UniqueSecret("oldpw");
        var newPassword = TestCertificates.UniqueSecret("newpw");
        await using var oldProxy = new ConnectProxy("proxy-user", oldPassword);
        await using var newProxy = new ConnectProxy("new-user", newPassword);
        var proxy = await CreateProxyAsync(admin, oldProxy.Url, "proxy-user", oldPassword);
        var settings = await admin.GetFromJsonAsync<JsonElement>(SettingsApi);
        await SaveAsync(admin, new { disabled = false, secretId = app.SecretId, proxyId = proxy.Id, baseUrl = settings.GetProperty("baseUrl").GetString() });

        var moved = await admin.PutAsJsonAsync($"/api/v1/proxies/{proxy.Id}", new { name = proxy.Name, tenantId = app.MainTenantId, url = newProxy.Url.ToString(), userName = "new-user", password = newPassword });
        var test = await (await admin.PostAsync($"{SettingsApi}/test", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(("new-user", newPassword), await app.UnsealProxyAsync(proxy.Id));
        Assert.True(test.GetProperty("succeeded").GetBoolean(), test.GetRawText());
        Assert.Equal(1, newProxy.Tunnels);
        Assert.Equal(0, oldProxy.Tunnels);
    }

    [Fact]
    public async Task A_password_without_a_user_is_refused_when_the_host_changes()
    {
        var admin = await app.AdminApiClientAsync();
        var proxy = await CreateProxyAsync(admin, new Uri("http://127.0.0.1:3128"), "proxy-user", TestCertificates.UniqueSecret("pw"));
        var stored = await app.UnsealProxyAsync(proxy.Id);

        var response = await admin.PutAsJsonAsync($"/api/v1/proxies/{proxy.Id}", new { name = proxy.Name, tenantId = app.MainTenantId, url = "http://127.0.0.1:3129", password = "only-a-password" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UserName", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Field);
        Assert.Equal(stored, await app.UnsealProxyAsync(proxy.Id));
    }

    private async Task<ProxyDto> CreateProxyAsync(HttpClient api, Uri url, string user, string password)
    {
        var response = await api.PostAsJsonAsync("/api/v1/proxies", new
        {
            name = $"egress {Guid.NewGuid().ToString("N")[..6]}",
            tenantId = app.MainTenantId,
            url = url.ToString(),
            userName = user,
            password,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ProxyDto>())!;
    }

    /// <summary>Saves the settings and gives the settings in force.</summary>
    private static async Task<JsonElement> SaveAsync(HttpClient api, object body)
    {
        var response = await api.PutAsJsonAsync(SettingsApi, body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await api.GetFromJsonAsync<JsonElement>(SettingsApi);
    }
}

public sealed class CredentialsBoundToDestinationTestsOnSqlite(LookupApp<OnSqlite> app) : CredentialsBoundToDestinationTests<OnSqlite>(app);

public sealed class CredentialsBoundToDestinationTestsOnPostgres(LookupApp<OnPostgres> app) : CredentialsBoundToDestinationTests<OnPostgres>(app);
