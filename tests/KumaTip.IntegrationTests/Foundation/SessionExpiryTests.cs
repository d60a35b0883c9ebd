using System.Net;
using KumaTip.Application.Identity;
using KumaTip.Application.Identity.SignIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>The app on a clock the tests move, to see sessions and tokens reach the end of their lives.</summary>
public sealed class FakeClockApp<TDb> : KumaTipApp<TDb>
    where TDb : IDatabaseKind
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public abstract class SessionExpiryTests<TDb>(FakeClockApp<TDb> app) : IClassFixture<FakeClockApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_active_it_was()
    {
        var lifetime = new SignInSettings().SessionLifetime;
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var browser = await app.SignInAsync(user.UserName, user.Password);

        // A request every hour keeps the sliding session alive, up to a minute before the end of its lifetime...
        for (var hour = 1; hour < lifetime.TotalHours; hour++)
        {
            app.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Events")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Events")).StatusCode);

        // ...until its lifetime from the sign-in is over.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await browser.GetAsync("/Events");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_personal_access_token_stops_working_when_it_expires()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var client = app.CreateClient();
        var created = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = user.UserName, password = user.Password, name = "ci", expiresInDays = 2 });
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }
}

public sealed class SessionExpiryTestsOnSqlite(FakeClockApp<OnSqlite> app) : SessionExpiryTests<OnSqlite>(app);

public sealed class SessionExpiryTestsOnPostgres(FakeClockApp<OnPostgres> app) : SessionExpiryTests<OnPostgres>(app);
