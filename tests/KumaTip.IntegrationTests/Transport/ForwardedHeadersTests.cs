using System.Net;

namespace KumaTip.IntegrationTests.Transport;

/// <summary>KumaTip on plain HTTP behind a TLS-terminating reverse proxy at 127.0.0.1, named in the configuration.</summary>
public sealed class BehindProxyApp<TDb> : KestrelApp<TDb>
    where TDb : IDatabaseKind
{
    public const string Proxy = "127.0.0.1";

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [.. base.ExtraSettings(), new("ForwardedHeaders:KnownProxies:0", Proxy)];
}

public abstract class ForwardedHeadersTests<TDb>(BehindProxyApp<TDb> app) : IClassFixture<BehindProxyApp<TDb>>
    where TDb : IDatabaseKind
{
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task Through_the_known_proxy_cookies_are_Secure_redirects_use_https_and_the_client_address_is_the_real_one()
    {
        var viaProxy = Forwarding(app.ClientFrom(BehindProxyApp<TDb>.Proxy));

        var challenge = await viaProxy.GetAsync("/Events");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.Equal("https", challenge.Headers.Location!.Scheme);

        var userName = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var form = await viaProxy.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await viaProxy.PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = "Guess-2026" })).StatusCode);
        Assert.Contains(HttpsTests<TDb>.SetCookies(form), c => c.StartsWith("kumatip.af=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        AssertLogged(userName, Client);

        var signedIn = await Forwarding(app.ClientFrom(BehindProxyApp<TDb>.Proxy))
            .PostFormAsync("/Account/Login", new() { ["UserName"] = "admin", ["Password"] = KumaTipApp<TDb>.AdminPassword });
        Assert.Contains(HttpsTests<TDb>.SetCookies(signedIn), c => c.StartsWith("kumatip.auth=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task From_any_other_address_the_forwarded_headers_are_ignored()
    {
        var stranger = Forwarding(app.ClientFrom("127.0.0.9"));

        var challenge = await stranger.GetAsync("/Events");
        Assert.Equal("http", challenge.Headers.Location!.Scheme);

        var userName = "nobody-" + Guid.NewGuid().ToString("N")[..8];
        var form = await stranger.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await stranger.PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = "Guess-2026" })).StatusCode);
        Assert.Contains(HttpsTests<TDb>.SetCookies(form), c => c.StartsWith("kumatip.af=", StringComparison.Ordinal) && !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        AssertLogged(userName, "127.0.0.9");
    }

    private void AssertLogged(string userName, string from)
    {
        Assert.Contains(app.SignInLog.Lines, l => l.Contains($"Sign-in refused for {userName} from {from}: ", StringComparison.Ordinal));
    }

    /// <summary>What a TLS-terminating proxy adds to a request it passes on (an untrusted sender may add the same).</summary>
    private static HttpClient Forwarding(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Client);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        return client;
    }
}

public sealed class ForwardedHeadersTestsOnSqlite(BehindProxyApp<OnSqlite> app) : ForwardedHeadersTests<OnSqlite>(app);

public sealed class ForwardedHeadersTestsOnPostgres(BehindProxyApp<OnPostgres> app) : ForwardedHeadersTests<OnPostgres>(app);
