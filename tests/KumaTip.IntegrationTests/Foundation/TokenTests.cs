using System.Net;
using System.Text;
using System.Text.Json;
using KumaTip.Application.Identity;

namespace KumaTip.IntegrationTests.Foundation;

public abstract class TokenTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_token_is_created_once_used_listed_and_after_revocation_gets_401()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var client = app.CreateClient();

        var created = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = user.UserName, password = user.Password, name = "siem" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetGuid();

        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(user.UserName, me.GetProperty("userName").GetString());

        var listed = await client.GetStringAsync("/api/v1/tokens");
        Assert.Contains("siem", listed);
        Assert.DoesNotContain(token, listed);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);
        var afterRevoke = await client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal("unauthenticated", (await afterRevoke.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
    }

    [Fact]
    public async Task A_wrong_password_or_a_made_up_token_is_refused()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var client = app.CreateClient();

        var wrong = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = user.UserName, password = "nope", name = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("invalid_credentials", (await wrong.Content.ReadFromJsonAsync<ProblemDto>())!.Code);

        client.DefaultRequestHeaders.Authorization = new("Bearer", "ktp_made-up");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_created_and_revoked_on_the_profile_page()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(user.UserName, user.Password);

        var created = await browser.PostFormAsync("/Profile", new() { ["TokenName"] = "from the page" }, handler: "Create");
        var html = await created.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"new-token\">([^<]+)<").Groups[1].Value;
        Assert.StartsWith("ktp_", token, StringComparison.Ordinal);

        var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.DoesNotContain(token, await browser.GetStringAsync("/Profile"));
    }

    [Fact]
    public async Task A_token_lives_90_days_unless_another_lifetime_up_to_365_days_is_chosen()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var client = app.CreateClient();

        foreach (var (days, lives) in new (int?, int)[] { (null, 90), (7, 7), (365, 365) })
        {
            var created = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = user.UserName, password = user.Password, name = "t", expiresInDays = days });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var body = await created.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(TimeSpan.FromDays(lives), body.GetProperty("expiresAt").GetDateTimeOffset() - body.GetProperty("createdAt").GetDateTimeOffset());
        }

        foreach (var days in new[] { 0, -1, 366 })
        {
            var refused = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = user.UserName, password = user.Password, name = "t", expiresInDays = days });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("expiresInDays", (await refused.Content.ReadFromJsonAsync<ProblemDto>())!.Field);
        }
    }

    [Fact]
    public async Task Tokens_die_on_a_password_reset_on_disabling_and_on_a_role_change_and_stay_dead()
    {
        var tenant = await app.CreateTenantAsync();
        var admin = await app.AdminApiClientAsync();
        var changes = new Dictionary<string, Func<TestUser, Task<HttpResponseMessage>>>
        {
            ["password reset"] = u => admin.PostAsJsonAsync($"/api/v1/users/{u.Id}/password", new { password = "New-User-Pass-2026!" }),
            ["disabled"] = u => admin.PostAsJsonAsync($"/api/v1/users/{u.Id}/disabled", new { disabled = true }),
            ["role change"] = u => admin.PutAsJsonAsync($"/api/v1/users/{u.Id}", new { role = Roles.TenantAdministrator, tenantIds = new[] { tenant } }),
        };

        foreach (var (change, make) in changes)
        {
            var user = await app.CreateUserAsync(Roles.Analyst, tenant);
            var api = await app.ApiClientAsync(user.UserName, user.Password);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

            var made = await make(user);
            Assert.True(made.IsSuccessStatusCode, $"{change}: {(int)made.StatusCode}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);

            await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/disabled", new { disabled = false });
            Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        }
    }

    [Fact]
    public async Task The_profile_page_chooses_the_lifetime_and_shows_when_each_token_expires()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(user.UserName, user.Password);

        var created = await browser.PostFormAsync("/Profile", new() { ["TokenName"] = "thirty days", ["ExpiresInDays"] = "30" }, handler: "Create");
        Assert.Contains("data-testid=\"new-token\"", await created.Content.ReadAsStringAsync());
        var refused = await browser.PostFormAsync("/Profile", new() { ["TokenName"] = "too long", ["ExpiresInDays"] = "400" }, handler: "Create");
        Assert.Contains("A token lives 1 to 365 days.", await refused.Content.ReadAsStringAsync());

        var tokens = await (await app.ApiClientAsync(user.UserName, user.Password)).GetFromJsonAsync<List<JsonElement>>("/api/v1/tokens");
        var thirty = tokens!.Single(t => t.GetProperty("name").GetString() == "thirty days");
        var expires = thirty.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(30), expires - thirty.GetProperty("createdAt").GetDateTimeOffset());
        // On the reader's clock, with the UTC time in the tooltip.
        Assert.Contains($"title=\"{KumaTip.Web.Pages.ThreatLookup.UtcTime.Format(expires)}\"", await browser.GetStringAsync("/Profile"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task Malformed_json_gets_a_ProblemDetails_with_a_stable_code(string json)
    {
        var client = app.CreateClient();

        var response = await client.PostAsync("/api/v1/tokens", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("malformed_request", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
    }
}

public sealed class TokenTestsOnSqlite(KumaTipApp<OnSqlite> app) : TokenTests<OnSqlite>(app);

public sealed class TokenTestsOnPostgres(KumaTipApp<OnPostgres> app) : TokenTests<OnPostgres>(app);
