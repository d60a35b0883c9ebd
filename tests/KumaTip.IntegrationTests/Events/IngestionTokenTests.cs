using System.Net;
using System.Text.RegularExpressions;
using KumaTip.Application.Identity;

namespace KumaTip.IntegrationTests.Events;

public abstract class IngestionTokenTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly DateTimeOffset At = new(DateTime.UtcNow.Date.AddDays(-12).AddHours(9), TimeSpan.Zero);

    [Fact]
    public async Task A_tenant_administrator_creates_a_token_on_the_page_sees_it_once_and_revoking_it_stops_ingestion()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.CreateUserAsync(Roles.TenantAdministrator, tenant);
        var browser = await app.SignInAsync(admin.UserName, admin.Password);

        var created = await browser.PostFormAsync(
            "/Resources/IngestionTokens", new() { ["TenantId"] = tenant.ToString(), ["Name"] = "kuma-collector-1" }, handler: "Create");
        var html = await created.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "data-testid=\"new-ingestion-token\">([^<]+)<").Groups[1].Value;

        Assert.StartsWith("kte_", token, StringComparison.Ordinal);
        var client = app.IngestionClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/events", new[] { EventTesting.Sample(At, "via page token") })).StatusCode);
        var listed = await browser.GetStringAsync("/Resources/IngestionTokens");
        Assert.Contains("kuma-collector-1", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);

        var tokenId = Regex.Match(listed, "tokenId=([0-9a-f-]{36})").Groups[1].Value;
        var revoke = await browser.PostFormAsync($"/Resources/IngestionTokens?tokenId={tokenId}", [], handler: "Revoke", formPage: "/Resources/IngestionTokens");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/events", new[] { EventTesting.Sample(At, "after revoke") })).StatusCode);
        Assert.Equal(["via page token"], (await app.StoredEventsAsync(tenant)).Select(e => e.Name));
    }

    [Fact]
    public async Task Tokens_are_managed_through_the_api_only_by_administrators_of_the_tenant()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync();
        var admin = await app.CreateUserAsync(Roles.TenantAdministrator, tenant);
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var adminApi = await app.ApiClientAsync(admin.UserName, admin.Password);
        var analystApi = await app.ApiClientAsync(analyst.UserName, analyst.Password);

        var created = await adminApi.PostAsJsonAsync("/api/v1/ingestion-tokens", new { tenantId = tenant, name = "siem" });
        var forOther = await adminApi.PostAsJsonAsync("/api/v1/ingestion-tokens", new { tenantId = other, name = "siem" });
        var byAnalyst = await analystApi.PostAsJsonAsync("/api/v1/ingestion-tokens", new { tenantId = tenant, name = "siem" });
        var unnamed = await adminApi.PostAsJsonAsync("/api/v1/ingestion-tokens", new { tenantId = tenant, name = " " });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAnalyst.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unnamed.StatusCode);
        var listed = await adminApi.GetStringAsync("/api/v1/ingestion-tokens");
        Assert.Contains("siem", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("\"hash\"", listed, StringComparison.OrdinalIgnoreCase);
        var analystPage = await (await app.SignInAsync(analyst.UserName, analyst.Password)).GetAsync("/Resources/IngestionTokens");
        Assert.Equal(HttpStatusCode.Redirect, analystPage.StatusCode);
        Assert.Contains("/Account/AccessDenied", analystPage.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

public sealed class IngestionTokenTestsOnSqlite(KumaTipApp<OnSqlite> app) : IngestionTokenTests<OnSqlite>(app);

public sealed class IngestionTokenTestsOnPostgres(KumaTipApp<OnPostgres> app) : IngestionTokenTests<OnPostgres>(app);
