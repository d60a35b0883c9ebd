using System.Net;
using KumaTip.Application.Identity;

namespace KumaTip.IntegrationTests.Secrets;

/// <summary>Resources → Secrets through real HTTP form posts (antiforgery included), as a browser does them.</summary>
public abstract class SecretsPagesTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    private const string EditPage = "/Resources/Secrets/Edit";

    [Fact]
    public async Task The_form_and_the_list_use_the_labels_kuma_shows_in_english_and_in_russian()
    {
        var browser = await app.SignInAsAdminAsync();

        var english = await browser.PageAsync(EditPage);
        await browser.SwitchToRussianAsync();
        var russian = await browser.PageAsync(EditPage);
        var russianList = await browser.PageAsync("/Resources/Secrets");

        foreach (var label in new[] { "Name", "Tenant", "Type", "User", "Password", "PFX file", "Upload PFX", "PFX password", "Description", "Create" })
        {
            Assert.Contains($">{label}", english, StringComparison.Ordinal);
        }

        foreach (var label in new[] { "Название", "Тенант", "Тип", "Пользователь", "Пароль", "Файл PKCS", "Загрузить PFX", "Пароль PFX-файла", "Описание", "Создать" })
        {
            Assert.Contains($">{label}", russian, StringComparison.Ordinal);
        }

        Assert.Contains("<h1>Create secret</h1>", english, StringComparison.Ordinal);
        Assert.Contains("<h1>Создание секрета</h1>", russian, StringComparison.Ordinal);
        Assert.Contains(">Секреты<", russianList, StringComparison.Ordinal);
        Assert.Contains(">Добавить<", russianList, StringComparison.Ordinal);
        Assert.Contains("accept=\".pfx,.p12\"", english, StringComparison.Ordinal);
        Assert.Contains("enctype=\"multipart/form-data\"", english, StringComparison.Ordinal);
        Assert.Contains("src=\"/js/secrets.js", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_created_through_the_form_shows_its_certificate_and_never_its_credentials()
    {
        var browser = await app.SignInAsAdminAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());

        var id = (await browser.PostMultipartAsync(EditPage, secret.ToForm(FormPosting.InputPrefix))).SavedId();
        var page = await browser.PageAsync($"{EditPage}?id={id}&saved=true");
        var list = await browser.PageAsync("/Resources/Secrets");

        Assert.Contains(TestCertificates.Subject, page, StringComparison.Ordinal);
        Assert.Contains("Thumbprint", page, StringComparison.Ordinal);
        Assert.Contains("Valid to", page, StringComparison.Ordinal);
        Assert.Contains("The secret was saved.", page, StringComparison.Ordinal);
        Assert.Equal(3, CountOf(page, "placeholder=\"••••••\""));
        SecretsApiTests<TDb>.AssertHoldsNoCredential(page, secret);
        Assert.Contains(secret.Name, list, StringComparison.Ordinal);
        Assert.Contains(TestCertificates.Subject, list, StringComparison.Ordinal);
        Assert.Contains(secret.Description!, list, StringComparison.Ordinal);
        SecretsApiTests<TDb>.AssertHoldsNoCredential(list, secret);
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(id));
    }

    [Theory]
    [InlineData("garbage", "The file is not a PFX (PKCS#12) file.")]
    [InlineData("wrong password", "The PFX password is wrong.")]
    [InlineData("no private key", "The PFX holds no certificate with its private key.")]
    [InlineData("expired", "The certificate expired on")]
    [InlineData("too large", "at most 1 MiB is accepted")]
    public async Task A_bad_pfx_is_refused_on_the_page_with_its_own_message_and_nothing_is_stored(string kind, string message)
    {
        var browser = await app.SignInAsAdminAsync();
        var password = TestCertificates.UniqueSecret("pfxpw");
        var secret = TestSecret.New(await app.CreateTenantAsync(), pfxPassword: password) with
        {
            Pfx = kind switch
            {
                "garbage" => TestCertificates.Garbage(),
                "wrong password" => TestCertificates.Pfx("another password"),
                "no private key" => TestCertificates.WithoutPrivateKey(password),
                "expired" => TestCertificates.Expired(password),
                _ => TestCertificates.Garbage(1536 * 1024),
            },
        };

        var response = await browser.PostMultipartAsync(EditPage, secret.ToForm(FormPosting.InputPrefix));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.HtmlAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        Assert.Contains("class=\"form-error", html, StringComparison.Ordinal);
        SecretsApiTests<TDb>.AssertHoldsNoCredential(html, secret);
        Assert.Equal(0, await app.CountSecretsNamedAsync(secret.Name));
    }

    [Fact]
    public async Task A_certificate_expiring_soon_is_accepted_with_a_warning_that_the_list_keeps_showing()
    {
        var browser = await app.SignInAsAdminAsync();
        var password = TestCertificates.UniqueSecret("pfxpw");
        var secret = TestSecret.New(await app.CreateTenantAsync(), TestCertificates.ExpiringIn(TimeSpan.FromDays(20), password), password);

        var id = (await browser.PostMultipartAsync(EditPage, secret.ToForm(FormPosting.InputPrefix))).SavedId();
        var page = await browser.PageAsync($"{EditPage}?id={id}");
        var list = await browser.PageAsync("/Resources/Secrets");

        Assert.Contains("data-testid=\"certificate-warning\"", page, StringComparison.Ordinal);
        Assert.Contains("Ask Kaspersky for a new certificate", page, StringComparison.Ordinal);
        var row = list[list.IndexOf(secret.Name, StringComparison.Ordinal)..];
        Assert.Contains(">Expires soon<", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_over_2_MiB_comes_back_to_the_form_with_a_clear_message()
    {
        var browser = await app.SignInAsAdminAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync()) with { Pfx = TestCertificates.Garbage(3 * 1024 * 1024) };

        var response = await browser.PostMultipartAsync(EditPage, secret.ToForm(FormPosting.InputPrefix));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await browser.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("The upload is larger than 2 MiB", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountSecretsNamedAsync(secret.Name));
    }

    [Fact]
    public async Task Saving_the_form_with_the_masked_fields_left_empty_keeps_every_credential()
    {
        var browser = await app.SignInAsAdminAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var id = (await browser.PostMultipartAsync(EditPage, secret.ToForm(FormPosting.InputPrefix))).SavedId();
        var renamed = secret with { Name = secret.Name + " (main)", UserName = "", Password = "", PfxPassword = "", Description = "renamed" };

        var response = await browser.PostMultipartAsync($"{EditPage}?id={id}", SecretsApiTests<TDb>.FormWithoutFile(renamed, FormPosting.InputPrefix));

        Assert.Equal(id, response.SavedId());
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(id));
        Assert.Contains(renamed.Name, await browser.PageAsync("/Resources/Secrets"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_pfx_without_its_password_is_refused_on_the_page()
    {
        var browser = await app.SignInAsAdminAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var id = (await browser.PostMultipartAsync(EditPage, secret.ToForm(FormPosting.InputPrefix))).SavedId();

        var response = await browser.PostMultipartAsync($"{EditPage}?id={id}", (secret with { Pfx = TestCertificates.Pfx("new-pw"), UserName = "", Password = "", PfxPassword = "" }).ToForm(FormPosting.InputPrefix));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter the password of the PFX file.", await response.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(secret.Stored, await app.UnsealSecretAsync(id));
    }

    [Fact]
    public async Task Deleting_a_secret_in_use_is_refused_on_the_page_with_where_it_is_used()
    {
        var api = await app.AdminApiClientAsync();
        var browser = await app.SignInAsAdminAsync();
        var secret = TestSecret.New(await app.CreateTenantAsync());
        var id = (await browser.PostMultipartAsync(EditPage, secret.ToForm(FormPosting.InputPrefix))).SavedId();
        await SecretsApiTests<TDb>.SettingsUseAsync(api, id);

        var refused = await browser.PostFormAsync($"{EditPage}?id={id}", new() { ["Id"] = id.ToString() }, handler: "Delete");
        await SecretsApiTests<TDb>.SettingsUseAsync(api, null);
        var deleted = await browser.PostFormAsync($"{EditPage}?id={id}", new() { ["Id"] = id.ToString() }, handler: "Delete");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The secret is used by Settings → Kaspersky Threat Lookup", await refused.HtmlAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(0, await app.CountSecretsNamedAsync(secret.Name));
    }

    [Fact]
    public async Task A_tenant_administrator_neither_sees_nor_opens_nor_changes_another_tenants_secret_in_the_pages()
    {
        var admin = await app.SignInAsAdminAsync();
        var tenantA = await app.CreateTenantAsync();
        var tenantB = await app.CreateTenantAsync();
        var secretOfB = TestSecret.New(tenantB);
        var idOfB = (await admin.PostMultipartAsync(EditPage, secretOfB.ToForm(FormPosting.InputPrefix))).SavedId();
        var user = await app.CreateUserAsync(Roles.TenantAdministrator, tenantA);
        var browser = await app.SignInAsync(user.UserName, user.Password);

        var list = await browser.PageAsync("/Resources/Secrets");
        var open = await browser.GetAsync($"{EditPage}?id={idOfB}");
        var change = await browser.PostMultipartAsync($"{EditPage}?id={idOfB}", SecretsApiTests<TDb>.FormWithoutFile(secretOfB with { Name = "mine", UserName = "", Password = "", PfxPassword = "" }, FormPosting.InputPrefix), formPage: EditPage);
        var delete = await browser.PostFormAsync($"{EditPage}?id={idOfB}", new() { ["Id"] = idOfB.ToString() }, handler: "Delete", formPage: EditPage);
        var createInB = await browser.PostMultipartAsync(EditPage, TestSecret.New(tenantB).ToForm(FormPosting.InputPrefix));
        var form = await browser.PageAsync(EditPage);

        Assert.DoesNotContain(secretOfB.Name, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Contains("The tenant was not found.", await createInB.HtmlAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(tenantB.ToString(), form, StringComparison.Ordinal);
        Assert.Equal(1, await app.CountSecretsNamedAsync(secretOfB.Name));
    }

    [Theory]
    [InlineData("/Resources/Secrets/Edit")]
    [InlineData("/Resources/Proxies/Edit")]
    public async Task An_analyst_cannot_open_the_forms(string page)
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;
}

public sealed class SecretsPagesTestsOnSqlite(KumaTipApp<OnSqlite> app) : SecretsPagesTests<OnSqlite>(app);

public sealed class SecretsPagesTestsOnPostgres(KumaTipApp<OnPostgres> app) : SecretsPagesTests<OnPostgres>(app);
