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
    public async Task A_wrong_user_a_wrong_password_a_disabled_and_a_locked_account_get_the_same_answer()
    {
        var tenant = await app.CreateTenantAsync();
        var locked = await app.CreateUserAsync(Roles.Analyst, tenant);
        var disabled = await app.CreateUserAsync(Roles.Analyst, tenant);
        var wrongPassword = await app.CreateUserAsync(Roles.Analyst, tenant);
        var admin = await app.AdminApiClientAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/api/v1/users/{disabled.Id}/disabled", new { disabled = true })).StatusCode);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignInAsync(locked.UserName, "wrong-" + attempt);
        }

        (string UserName, string Password)[] refused =
        [
            ("nobody-" + Guid.NewGuid().ToString("N")[..8], "Some-Pass-2026!"),
            (wrongPassword.UserName, "wrong"),
            (disabled.UserName, disabled.Password),
            (locked.UserName, locked.Password), // the right password, but five wrong ones came first from here
        ];
        foreach (var (userName, password) in refused)
        {
            var page = await SignInAsync(userName, password);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("Wrong user name or password.", html);
            Assert.DoesNotContain("disabled", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("locked", html, StringComparison.OrdinalIgnoreCase);

            var api = await app.CreateClient().PostAsJsonAsync("/api/v1/tokens", new { userName, password, name = "x" });
            Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
            var problem = (await api.Content.ReadFromJsonAsync<ProblemDto>())!;
            Assert.Equal(("invalid_credentials", "Wrong user name or password."), (problem.Code, problem.Title));
        }
    }

    [Fact]
    public async Task Failed_sign_ins_are_logged_at_Warning_with_user_name_and_address_but_never_the_password()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var password = Secrets.TestCertificates.UniqueSecret("Wrong-Pass");

        await SignInAsync(user.UserName, password);
        await app.CreateClient().PostAsJsonAsync("/api/v1/tokens", new { userName = user.UserName, password, name = "x" });

        var logged = app.SignInLog.Lines.Where(l => l.Contains($"Sign-in refused for {user.UserName} from ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, l => Assert.StartsWith("Warning ", l, StringComparison.Ordinal));
        Assert.All(logged, l => Assert.Contains(": wrong password", l));
        app.SignInLog.AssertNoneContain(password);
        CapturedLogs.AssertNoneContain(password);
    }

    [Fact]
    public async Task A_disabled_user_loses_his_session()
    {
        var tenant = await app.CreateTenantAsync();
        var user = await app.CreateUserAsync(Roles.Analyst, tenant);
        var session = await app.SignInAsync(user.UserName, user.Password);
        var admin = await app.AdminApiClientAsync();

        var disabled = await admin.PostAsJsonAsync($"/api/v1/users/{user.Id}/disabled", new { disabled = true });
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);

        var afterDisable = await session.GetAsync("/Events");
        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
    }

    [Fact]
    public async Task Sign_out_revokes_the_session_so_a_copied_cookie_stops_working()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(user.UserName, user.Password);
        var cookie = await SessionCookieAsync(browser);
        var thief = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        thief.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Events")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/v1/me")).StatusCode);

        var signedOut = await browser.PostFormAsync("/Account/Logout", new(), formPage: "/Events");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        // At once, though the copy's ticket is still remembered in memory and its security stamp not due for a check.
        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/Events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(user.UserName, user.Password)).GetAsync("/Events")).StatusCode);
    }

    private Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        app.CreateBrowser().PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = password });

    /// <summary>The sign-in cookie as a browser would send it, read from the page that set it.</summary>
    private static async Task<string> SessionCookieAsync(HttpClient browser)
    {
        var page = await browser.GetAsync("/Events");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var request = page.RequestMessage!;
        return request.Headers.TryGetValues("Cookie", out var sent) ? string.Join("; ", sent) : throw new InvalidOperationException("no cookie sent");
    }
}

public sealed class SignInTestsOnSqlite(KumaTipApp<OnSqlite> app) : SignInTests<OnSqlite>(app);

public sealed class SignInTestsOnPostgres(KumaTipApp<OnPostgres> app) : SignInTests<OnPostgres>(app);
