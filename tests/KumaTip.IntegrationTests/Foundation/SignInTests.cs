using System.Net;
using KumaTip.Application.Identity;

namespace KumaTip.IntegrationTests.Foundation;

public abstract class SignInTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task The_bootstrap_administrator_signs_in_with_the_configured_password()
    {
        var browser = await app.SignInAsAdminAsync();

        var events = await browser.GetAsync("/Events");

        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Contains("data-testid=\"current-user\">admin<", await events.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        var response = await app.CreateBrowser().GetAsync("/Events");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_message_and_five_of_them_lock_the_account()
    {
        var tenant = await app.CreateTenantAsync();
        var user = await app.CreateUserAsync(Roles.Analyst, tenant);
        var browser = app.CreateBrowser();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await browser.PostFormAsync("/Account/Login", new() { ["UserName"] = user.UserName, ["Password"] = "wrong-" + attempt });
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
            var html = await failed.Content.ReadAsStringAsync();
            Assert.Contains(attempt < 5 ? "Wrong user name or password." : "The account is locked", html);
        }

        // Even the right password is refused while locked out.
        var locked = await browser.PostFormAsync("/Account/Login", new() { ["UserName"] = user.UserName, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains("The account is locked", await locked.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_and_loses_his_session()
    {
        var tenant = await app.CreateTenantAsync();
        var user = await app.CreateUserAsync(Roles.Analyst, tenant);
        var session = await app.SignInAsync(user.UserName, user.Password);
        var admin = await app.AdminApiClientAsync();

        var disabled = await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/disabled", new { disabled = true });
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);

        var afterDisable = await session.GetAsync("/Events");
        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        var again = await app.CreateBrowser().PostFormAsync("/Account/Login", new() { ["UserName"] = user.UserName, ["Password"] = user.Password });
        Assert.Contains("This account is disabled", await again.Content.ReadAsStringAsync());
    }
}

public sealed class SignInTestsOnSqlite(KumaTipApp<OnSqlite> app) : SignInTests<OnSqlite>(app);

public sealed class SignInTestsOnPostgres(KumaTipApp<OnPostgres> app) : SignInTests<OnPostgres>(app);
