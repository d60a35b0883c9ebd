using System.Net;
using KumaTip.Application.Identity;

namespace KumaTip.IntegrationTests.Foundation;

public abstract class AdministrationTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Theory]
    [InlineData("", "validation_failed")]
    [InlineData("   ", "validation_failed")]
    [InlineData("Main", "tenant_exists")]
    public async Task Bad_tenant_names_are_refused_through_the_API_and_nothing_is_written(string name, string code)
    {
        var api = await app.AdminApiClientAsync();
        var before = (await api.GetFromJsonAsync<List<TenantDto>>("/api/v1/tenants"))!.Count;

        var response = await api.PostAsJsonAsync("/api/v1/tenants", new { name });

        Assert.Equal(code == "tenant_exists" ? HttpStatusCode.Conflict : HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Equal(before, (await api.GetFromJsonAsync<List<TenantDto>>("/api/v1/tenants"))!.Count);
    }

    [Fact]
    public async Task An_overlong_tenant_name_is_refused_on_the_page_with_a_message()
    {
        var browser = await app.SignInAsAdminAsync();

        var response = await browser.PostInputAsync("/Admin/Tenants", new() { ["Name"] = new string('x', 129) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Name must be at most 128 characters.", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(new string('x', 129), await browser.GetStringAsync("/Admin/Tenants"));
    }

    [Fact]
    public async Task An_administrator_adds_a_tenant_on_the_page_and_it_is_audited()
    {
        var browser = await app.SignInAsAdminAsync();
        var name = "Industrial " + Guid.NewGuid().ToString("N")[..6];

        var response = await browser.PostInputAsync("/Admin/Tenants", new() { ["Name"] = name });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(name, await browser.GetStringAsync("/Admin/Tenants"));
        var audit = await browser.GetStringAsync("/Admin/Audit?object=Tenant");
        Assert.Contains(name, audit);
    }

    [Fact]
    public async Task Users_are_created_changed_and_reset_and_duplicates_are_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var api = await app.AdminApiClientAsync();
        var userName = "analyst-" + Guid.NewGuid().ToString("N")[..6];

        var created = await api.PostAsJsonAsync("/api/v1/users", new { userName, role = Roles.Analyst, tenantIds = new[] { tenant }, password = "First-Pass-123" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<UserDto>())!.Id;

        var duplicate = await api.PostAsJsonAsync("/api/v1/users", new { userName, role = Roles.Analyst, tenantIds = new[] { tenant }, password = "First-Pass-123" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("user_exists", (await duplicate.Content.ReadFromJsonAsync<ProblemDto>())!.Code);

        var promoted = await api.PutAsJsonAsync($"/api/v1/users/{id}", new { role = Roles.TenantAdministrator, tenantIds = new[] { tenant } });
        Assert.Equal(Roles.TenantAdministrator, (await promoted.Content.ReadFromJsonAsync<UserDto>())!.Role);

        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/users/{id}/password", new { password = "Second-Pass-456" })).StatusCode);
        await app.SignInAsync(userName, "Second-Pass-456");
    }

    [Theory]
    [InlineData("", "Analyst", "UserName")]
    [InlineData("has space", "Analyst", "UserName")]
    [InlineData("okname", "Emperor", "Role")]
    [InlineData("okname2", "Analyst", "TenantIds")]
    public async Task Bad_user_input_is_refused_with_the_field_named(string userName, string role, string field)
    {
        var api = await app.AdminApiClientAsync();
        var tenants = field == "TenantIds" ? Array.Empty<Guid>() : [await app.CreateTenantAsync()];

        var response = await api.PostAsJsonAsync("/api/v1/users", new { userName, role, tenantIds = tenants, password = "First-Pass-123" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Field);
    }

    [Fact]
    public async Task A_weak_password_is_refused_and_no_user_is_left_behind()
    {
        var api = await app.AdminApiClientAsync();
        var userName = "weak-" + Guid.NewGuid().ToString("N")[..6];

        var response = await api.PostAsJsonAsync("/api/v1/users", new { userName, role = Roles.Analyst, tenantIds = new[] { await app.CreateTenantAsync() }, password = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Password", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Field);
        Assert.DoesNotContain(userName, await api.GetStringAsync("/api/v1/users"));
    }

    [Fact]
    public async Task A_russian_browser_gets_russian_pages_and_the_switch_is_remembered()
    {
        var russian = app.CreateBrowser(acceptLanguage: "ru-RU,ru;q=0.9");
        Assert.Contains("Войти", await russian.GetStringAsync("/Account/Login"));

        var browser = await app.SignInAsAdminAsync();
        Assert.Contains("Tenants selected:", await browser.GetStringAsync("/Events"));
        var switched = await browser.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "ru", ["returnUrl"] = "/Events" }));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);

        var html = await browser.GetStringAsync("/Events");
        Assert.Contains("Выбрано тенантов:", html);
        Assert.Contains("Диспетчер задач", html);
    }
}

public sealed record UserDto(Guid Id, string UserName, string Role, bool IsDisabled);

public sealed class AdministrationTestsOnSqlite(KumaTipApp<OnSqlite> app) : AdministrationTests<OnSqlite>(app);

public sealed class AdministrationTestsOnPostgres(KumaTipApp<OnPostgres> app) : AdministrationTests<OnPostgres>(app);
