using System.Net;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Foundation;
using KumaTip.IntegrationTests.Secrets;

namespace KumaTip.IntegrationTests.Proxies;

public sealed record ProxyDto(
    Guid Id, string Name, Guid TenantId, string TenantName, string Url, bool UserNameSet, bool PasswordSet, IReadOnlyList<string> Bypass, string? Description, int Version);

public abstract class ProxiesApiTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_proxy_server_is_created_with_sealed_credentials_and_answered_without_them()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var user = TestCertificates.UniqueSecret("proxyuser");
        var password = TestCertificates.UniqueSecret("proxypw");

        var response = await api.PostAsJsonAsync("/api/v1/proxies", new
        {
            name = "Corporate proxy",
            tenantId = tenant,
            url = "http://proxy.corp.local:3128",
            userName = user,
            password,
            bypass = new[] { "intranet\n*.corp.local", "10.0.0.0/8" },
            description = "Egress",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var created = (await response.Content.ReadFromJsonAsync<ProxyDto>())!;
        Assert.Equal(("http://proxy.corp.local:3128", true, true), (created.Url, created.UserNameSet, created.PasswordSet));
        Assert.Equal(["intranet", "*.corp.local", "10.0.0.0/8"], created.Bypass);
        Assert.DoesNotContain(user, json, StringComparison.Ordinal);
        Assert.DoesNotContain(password, json, StringComparison.Ordinal);
        Assert.DoesNotContain(password, await api.GetStringAsync("/api/v1/proxies"), StringComparison.Ordinal);
        Assert.Equal((user, password), await app.UnsealProxyAsync(created.Id));
    }

    [Theory]
    [InlineData("ftp://proxy.example.com:21", "Url", "http:// or https://")]
    [InlineData("proxy.example.com:3128", "Url", "is not a URL")]
    [InlineData("http://u:p@proxy.example.com:3128", "Url", "in their own fields")]
    [InlineData("http://proxy.example.com:3128/some/path", "Url", "only a scheme, a host and a port")]
    public async Task An_invalid_url_is_refused_with_a_message_saying_what_is_wrong(string url, string field, string message)
    {
        var api = await app.AdminApiClientAsync();

        var response = await api.PostAsJsonAsync("/api/v1/proxies", new { name = "p " + Guid.NewGuid().ToString("N")[..6], tenantId = await app.CreateTenantAsync(), url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal((field, "proxy_url_invalid"), (problem.Field, problem.Code));
        Assert.Contains(message, problem.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_bypass_entry_is_refused_and_named()
    {
        var api = await app.AdminApiClientAsync();

        var response = await api.PostAsJsonAsync("/api/v1/proxies", new
        {
            name = "p " + Guid.NewGuid().ToString("N")[..6],
            tenantId = await app.CreateTenantAsync(),
            url = "http://proxy:3128",
            bypass = new[] { "ok.example.com", "not a_host!" },
        });

        var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal(("bypass_invalid", "Bypass"), (problem.Code, problem.Field));
        Assert.Contains("'a_host!'", problem.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_names_and_everything_are_accepted_in_the_bypass_list_as_the_client_reads_them()
    {
        var api = await app.AdminApiClientAsync();

        var response = await api.PostAsJsonAsync("/api/v1/proxies", new
        {
            name = "p " + Guid.NewGuid().ToString("N")[..6],
            tenantId = await app.CreateTenantAsync(),
            url = "http://proxy:3128",
            bypass = new[] { "<local>", "*", ".corp.example" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["<local>", "*", "*.corp.example"], (await response.Content.ReadFromJsonAsync<ProxyDto>())!.Bypass);
    }

    [Fact]
    public async Task A_password_without_a_user_is_refused()
    {
        var api = await app.AdminApiClientAsync();

        var response = await api.PostAsJsonAsync("/api/v1/proxies", new { name = "p " + Guid.NewGuid().ToString("N")[..6], tenantId = await app.CreateTenantAsync(), url = "http://proxy:3128", password = "x" });

        Assert.Equal("UserName", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Field);
    }

    [Fact]
    public async Task A_change_keeps_the_credentials_unless_new_ones_are_sent_or_they_are_cleared()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var created = await CreateAsync(api, tenant, "keep", user: "proxy-user", password: TestCertificates.UniqueSecret("pw"));
        var stored = await app.UnsealProxyAsync(created.Id);

        var renamed = await api.PutAsJsonAsync($"/api/v1/proxies/{created.Id}", new { name = "keep renamed", tenantId = tenant, url = "http://proxy.example.com:3128", description = "same destination" });
        var afterRename = await app.UnsealProxyAsync(created.Id);
        var cleared = await api.PutAsJsonAsync($"/api/v1/proxies/{created.Id}", new { name = "keep renamed", tenantId = tenant, url = "http://proxy.example.com:3128", clearCredentials = true });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var renamedDto = (await renamed.Content.ReadFromJsonAsync<ProxyDto>())!;
        Assert.Equal(("http://proxy.example.com:3128", "keep renamed", 2, true), (renamedDto.Url, renamedDto.Name, renamedDto.Version, renamedDto.PasswordSet));
        Assert.Equal(stored, afterRename);
        var clearedDto = (await cleared.Content.ReadFromJsonAsync<ProxyDto>())!;
        Assert.Equal((false, false, 3), (clearedDto.UserNameSet, clearedDto.PasswordSet, clearedDto.Version));
        Assert.Equal((null, null), await app.UnsealProxyAsync(created.Id));
    }

    [Fact]
    public async Task A_proxy_server_used_by_the_settings_cannot_be_deleted_and_the_message_says_where()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync();
        var proxy = await CreateAsync(api, tenant, "in use");
        var secret = await SecretsApiTests<TDb>.CreateAsync(api, TestSecret.New(tenant));
        await SecretsApiTests<TDb>.SettingsUseAsync(api, secret.Id, proxy.Id);

        var refused = await api.DeleteAsync($"/api/v1/proxies/{proxy.Id}");
        await SecretsApiTests<TDb>.SettingsUseAsync(api, null);
        var deleted = await api.DeleteAsync($"/api/v1/proxies/{proxy.Id}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = (await refused.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal("proxy_in_use", problem.Code);
        Assert.Contains("Settings → Kaspersky Threat Lookup", problem.Title, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task A_tenant_administrator_cannot_list_read_change_or_delete_proxy_servers_of_another_tenant()
    {
        var admin = await app.AdminApiClientAsync();
        var tenantA = await app.CreateTenantAsync();
        var tenantB = await app.CreateTenantAsync();
        var ofA = await CreateAsync(admin, tenantA, "a");
        var ofB = await CreateAsync(admin, tenantB, "b");
        var user = await app.CreateUserAsync(Roles.TenantAdministrator, tenantA);
        var api = await app.ApiClientAsync(user.UserName, user.Password);

        var listed = await api.GetFromJsonAsync<List<ProxyDto>>("/api/v1/proxies");
        var read = await api.GetAsync($"/api/v1/proxies/{ofB.Id}");
        var changed = await api.PutAsJsonAsync($"/api/v1/proxies/{ofB.Id}", new { name = "mine now", tenantId = tenantA, url = "http://evil:3128" });
        var deleted = await api.DeleteAsync($"/api/v1/proxies/{ofB.Id}");
        var createdInB = await api.PostAsJsonAsync("/api/v1/proxies", new { name = "x", tenantId = tenantB, url = "http://proxy:3128" });

        Assert.Equal([ofA.Id], listed!.Select(p => p.Id));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, changed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, createdInB.StatusCode);
        Assert.Equal("http://proxy.example.com:3128", (await admin.GetFromJsonAsync<ProxyDto>($"/api/v1/proxies/{ofB.Id}"))!.Url);
    }

    internal static async Task<ProxyDto> CreateAsync(HttpClient api, Guid tenantId, string name, string? user = null, string? password = null)
    {
        var response = await api.PostAsJsonAsync("/api/v1/proxies", new
        {
            name = $"{name} {Guid.NewGuid().ToString("N")[..6]}",
            tenantId,
            url = "http://proxy.example.com:3128",
            userName = user,
            password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProxyDto>())!;
    }
}

public sealed class ProxiesApiTestsOnSqlite(KumaTipApp<OnSqlite> app) : ProxiesApiTests<OnSqlite>(app);

public sealed class ProxiesApiTestsOnPostgres(KumaTipApp<OnPostgres> app) : ProxiesApiTests<OnPostgres>(app);
