using System.Net;
using KumaTip.Application.Identity;

namespace KumaTip.IntegrationTests.Foundation;

public abstract class AccessTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Theory]
    [InlineData("/Admin/Users")]
    [InlineData("/Admin/Tenants")]
    [InlineData("/Admin/Audit")]
    [InlineData("/Resources/Secrets")]
    [InlineData("/Resources/Proxies")]
    [InlineData("/Settings/ThreatLookup")]
    public async Task An_analyst_cannot_open_administrator_pages(string page)
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        var response = await browser.GetAsync(page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_does_not_see_the_administrator_menus()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        var html = await browser.GetStringAsync("/Events");

        Assert.Contains("href=\"/Tasks\"", html);
        Assert.DoesNotContain("href=\"/Resources/Secrets\"", html);
        Assert.DoesNotContain("href=\"/Admin/Users\"", html);
    }

    [Fact]
    public async Task An_analyst_gets_403_ProblemDetails_from_administrator_endpoints()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);

        var response = await api.GetAsync("/api/v1/users");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("forbidden", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
    }

    [Fact]
    public async Task A_user_of_tenant_A_gets_404_for_tenant_B_and_does_not_see_it_listed()
    {
        var tenantA = await app.CreateTenantAsync();
        var tenantB = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenantA);
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);

        var own = await api.GetAsync($"/api/v1/tenants/{tenantA}");
        var other = await api.GetAsync($"/api/v1/tenants/{tenantB}");
        var listed = await api.GetFromJsonAsync<List<TenantDto>>("/api/v1/tenants");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("not_found", (await other.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Equal([tenantA], listed!.Select(t => t.Id));
    }

    [Fact]
    public async Task The_header_shows_the_tenant_selection_and_remembers_a_change()
    {
        var tenantA = await app.CreateTenantAsync();
        var tenantB = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenantA, tenantB);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        Assert.Contains("Tenants selected: 2", await browser.GetStringAsync("/Events"));

        var changed = await browser.PostFormAsync(
            "/TenantSelection", new() { ["tenantIds"] = tenantB.ToString(), ["returnUrl"] = "/Events" }, formPage: "/Events");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Contains("Tenants selected: 1", await browser.GetStringAsync("/Events"));
        var again = await app.SignInAsync(analyst.UserName, analyst.Password);
        Assert.Contains("Tenants selected: 1", await again.GetStringAsync("/Events"));
    }

    [Theory]
    [InlineData("/Events")]
    [InlineData("/Tasks")]
    [InlineData("/Profile")]
    [InlineData("/ThreatLookup/Usage")]
    public async Task Pages_with_forms_hold_no_inline_style_the_CSP_would_block(string page)
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        var html = await browser.GetStringAsync(page);

        // style-src 'self': an inline style (ASP.NET Core's hidden <li> in an empty validation summary) is an error in the console.
        Assert.Contains("validation-summary-valid", html);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        var response = await app.CreateBrowser().GetAsync("/Account/Login");

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}

public sealed record ProblemDto(string? Title, int Status, string? Code, string? Field);

public sealed class AccessTestsOnSqlite(KumaTipApp<OnSqlite> app) : AccessTests<OnSqlite>(app);

public sealed class AccessTestsOnPostgres(KumaTipApp<OnPostgres> app) : AccessTests<OnPostgres>(app);
