using System.Net;

namespace KumaTip.IntegrationTests.Transport;

/// <summary>KumaTip serving HTTPS itself, from a certificate named in the configuration as the README shows.</summary>
public sealed class HttpsApp<TDb>() : KestrelApp<TDb>(https: true)
    where TDb : IDatabaseKind;

public abstract class HttpsTests<TDb>(HttpsApp<TDb> app) : IClassFixture<HttpsApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Plain_http_is_redirected_to_https()
    {
        var response = await app.ClientFrom().GetAsync("/Account/Login?ReturnUrl=%2FEvents");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal($"https://{KestrelApp<TDb>.HostName}:{app.HttpsAddress.Port}/Account/Login?ReturnUrl=%2FEvents", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Health_probes_over_plain_http_are_answered_not_redirected()
    {
        Assert.Equal(HttpStatusCode.OK, (await app.ClientFrom().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Answers_over_https_carry_HSTS()
    {
        var response = await app.ClientFrom(https: true).GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Every_cookie_is_Secure_over_https()
    {
        var browser = app.ClientFrom(https: true);

        var form = await browser.GetAsync("/Account/Login");
        var signedIn = await browser.PostFormAsync("/Account/Login", new() { ["UserName"] = "admin", ["Password"] = KumaTipApp<TDb>.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var culture = await browser.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "ru", ["returnUrl"] = "/" }));

        var cookies = new[] { form, signedIn, culture }.SelectMany(SetCookies).ToList();
        Assert.Contains(cookies, c => c.StartsWith("kumatip.af=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("kumatip.auth=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    internal static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];
}

public sealed class HttpsTestsOnSqlite(HttpsApp<OnSqlite> app) : HttpsTests<OnSqlite>(app);

public sealed class HttpsTestsOnPostgres(HttpsApp<OnPostgres> app) : HttpsTests<OnPostgres>(app);
