using System.Net;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Secrets;

namespace KumaTip.IntegrationTests.Proxies;

public abstract class ProxiesPagesTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    private const string EditPage = "/Resources/Proxies/Edit";

    [Fact]
    public async Task A_proxy_server_created_through_the_form_is_listed_and_its_credentials_are_kept_masked()
    {
        var browser = await app.SignInAsAdminAsync();
        var tenant = await app.CreateTenantAsync();
        var name = "Egress " + Guid.NewGuid().ToString("N")[..6];
        var password = TestCertificates.UniqueSecret("proxypw");

        var id = (await browser.PostInputAsync(EditPage, new()
        {
            ["Name"] = name,
            ["TenantId"] = tenant.ToString(),
            ["Url"] = "http://proxy.corp.local:3128",
            ["UserName"] = "svc-proxy",
            ["Password"] = password,
            ["Bypass"] = "intranet\r\n*.corp.local\r\n10.0.0.0/8",
            ["Description"] = "Main egress",
        })).SavedId();
        var page = await browser.PageAsync($"{EditPage}?id={id}");
        var saved = await browser.PostInputAsync($"{EditPage}?id={id}", new()
        {
            ["Name"] = name,
            ["TenantId"] = tenant.ToString(),
            ["Url"] = "http://proxy.corp.local:3128",
            ["UserName"] = "",
            ["Password"] = "",
            ["Bypass"] = "intranet",
        });
        var list = await browser.PageAsync("/Resources/Proxies");

        Assert.Equal(id, saved.SavedId());
        Assert.Contains("*.corp.local", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("placeholder=\"••••••\"").Length - 1);
        Assert.DoesNotContain(password, page, StringComparison.Ordinal);
        Assert.DoesNotContain("svc-proxy", page, StringComparison.Ordinal);
        Assert.Contains("http://proxy.corp.local:3128", list, StringComparison.Ordinal);
        Assert.Equal(("svc-proxy", password), await app.UnsealProxyAsync(id));
    }

    [Fact]
    public async Task An_invalid_url_is_explained_on_the_page()
    {
        var browser = await app.SignInAsAdminAsync();

        var response = await browser.PostInputAsync(EditPage, new() { ["Name"] = "bad", ["TenantId"] = (await app.CreateTenantAsync()).ToString(), ["Url"] = "socks5://proxy:1080" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The proxy URL must start with http:// or https://", await response.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_error_reads_in_russian_for_a_russian_reader_with_its_values()
    {
        var browser = await app.SignInAsAdminAsync();
        browser.DefaultRequestHeaders.AcceptLanguage.Clear();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var tenant = (await app.CreateTenantAsync()).ToString();

        var scheme = await (await browser.PostInputAsync(EditPage, new() { ["Name"] = "bad", ["TenantId"] = tenant, ["Url"] = "socks5://proxy:1080" })).HtmlAsync();
        var bypass = await (await browser.PostInputAsync(EditPage, new() { ["Name"] = "bad", ["TenantId"] = tenant, ["Url"] = "http://proxy:3128", ["Bypass"] = "ho$t" })).HtmlAsync();

        Assert.Contains("URL прокси-сервера должен начинаться с http:// или https://, например, http://proxy.example.com:3128.", scheme, StringComparison.Ordinal);
        Assert.DoesNotContain("must start with", scheme, StringComparison.Ordinal);
        Assert.Contains("«ho$t» в списке исключений", bypass, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_names_and_everything_are_accepted_in_the_bypass_list_and_shown_again()
    {
        var browser = await app.SignInAsAdminAsync();

        var id = (await browser.PostInputAsync(EditPage, new()
        {
            ["Name"] = "Local " + Guid.NewGuid().ToString("N")[..6],
            ["TenantId"] = (await app.CreateTenantAsync()).ToString(),
            ["Url"] = "http://proxy.corp.local:3128",
            ["Bypass"] = "<local>\r\n*",
        })).SavedId();

        var page = await browser.PageAsync($"{EditPage}?id={id}");
        Assert.Contains("<local>\n*</textarea>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_bypass_entry_is_explained_on_the_page_and_what_was_typed_is_kept()
    {
        var browser = await app.SignInAsAdminAsync();
        var name = "Typo " + Guid.NewGuid().ToString("N")[..6];

        var response = await browser.PostInputAsync(EditPage, new()
        {
            ["Name"] = name,
            ["TenantId"] = (await app.CreateTenantAsync()).ToString(),
            ["Url"] = "http://proxy.corp.local:3128",
            ["Bypass"] = "intranet\r\nexa_mple.com",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains("'exa_mple.com' in the bypass list is not a host name", html, StringComparison.Ordinal);
        Assert.Contains("intranet\r\nexa_mple.com</textarea>", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_proxy_server_in_use_is_refused_on_the_page_with_where_it_is_used()
    {
        var api = await app.AdminApiClientAsync();
        var browser = await app.SignInAsAdminAsync();
        var tenant = await app.CreateTenantAsync();
        var proxy = await ProxiesApiTests<TDb>.CreateAsync(api, tenant, "used");
        var secret = await SecretsApiTests<TDb>.CreateAsync(api, TestSecret.New(tenant));
        await SecretsApiTests<TDb>.SettingsUseAsync(api, secret.Id, proxy.Id);

        var refused = await browser.PostFormAsync($"{EditPage}?id={proxy.Id}", new() { ["Id"] = proxy.Id.ToString() }, handler: "Delete");
        await SecretsApiTests<TDb>.SettingsUseAsync(api, null);

        Assert.Contains("The proxy server is used by Settings → Kaspersky Threat Lookup", await refused.HtmlAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_speak_russian()
    {
        var browser = await app.SignInAsAdminAsync();
        await browser.SwitchToRussianAsync();

        var form = await browser.PageAsync(EditPage);
        var list = await browser.PageAsync("/Resources/Proxies");

        foreach (var label in new[] { "Название", "Тенант", "Пользователь", "Пароль", "Список исключений", "Описание", "Создать" })
        {
            Assert.Contains($">{label}", form, StringComparison.Ordinal);
        }

        Assert.Contains(">Прокси-серверы<", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_administrator_neither_sees_nor_opens_another_tenants_proxy_server()
    {
        var api = await app.AdminApiClientAsync();
        var tenantA = await app.CreateTenantAsync();
        var ofB = await ProxiesApiTests<TDb>.CreateAsync(api, await app.CreateTenantAsync(), "other");
        var user = await app.CreateUserAsync(Roles.TenantAdministrator, tenantA);
        var browser = await app.SignInAsync(user.UserName, user.Password);

        var list = await browser.PageAsync("/Resources/Proxies");
        var open = await browser.GetAsync($"{EditPage}?id={ofB.Id}");
        var change = await browser.PostInputAsync($"{EditPage}?id={ofB.Id}", new() { ["Name"] = "mine", ["TenantId"] = tenantA.ToString(), ["Url"] = "http://x:1" }, formPage: EditPage);

        Assert.DoesNotContain(ofB.Name, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
    }
}

public sealed class ProxiesPagesTestsOnSqlite(KumaTipApp<OnSqlite> app) : ProxiesPagesTests<OnSqlite>(app);

public sealed class ProxiesPagesTestsOnPostgres(KumaTipApp<OnPostgres> app) : ProxiesPagesTests<OnPostgres>(app);
