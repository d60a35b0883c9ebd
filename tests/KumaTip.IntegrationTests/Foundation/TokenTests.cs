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
