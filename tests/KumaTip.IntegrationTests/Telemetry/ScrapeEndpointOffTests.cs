using System.Net;
using System.Net.Http.Headers;

namespace KumaTip.IntegrationTests.Telemetry;

/// <summary>By default (Telemetry:Prometheus:Enabled unset) there is no scrape endpoint, for anyone.</summary>
public abstract class ScrapeEndpointOffTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task The_scrape_endpoint_is_absent_when_not_enabled()
    {
        var admin = await app.SignInAsAdminAsync();
        var withSomeToken = app.CreateClient();
        withSomeToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", new string('x', 40));

        var signedIn = await admin.GetAsync("/metrics");
        var anonymous = await app.CreateBrowser().GetAsync("/metrics");
        var bearer = await withSomeToken.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode); // to the sign-in page, as any unknown path
        Assert.Equal(HttpStatusCode.Unauthorized, bearer.StatusCode);
    }
}

public sealed class ScrapeEndpointOffTestsOnSqlite(KumaTipApp<OnSqlite> app) : ScrapeEndpointOffTests<OnSqlite>(app);

public sealed class ScrapeEndpointOffTestsOnPostgres(KumaTipApp<OnPostgres> app) : ScrapeEndpointOffTests<OnPostgres>(app);
