using System.Net;
using KumaTip.Application.Identity;
using KumaTip.Application.Identity.SignIn;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>The app on a real socket with the sign-in limits an installation gets, tried from several client addresses.</summary>
public sealed class ThrottledApp<TDb> : KestrelApp<TDb>
    where TDb : IDatabaseKind
{
    public static readonly SignInSettings Defaults = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        .. base.ExtraSettings(),
        new("SignIn:AddressLimit", $"{Defaults.AddressLimit}"),
        new("SignIn:UserNameLimit", $"{Defaults.UserNameLimit}"),
    ];
}

public abstract class SignInThrottlingTests<TDb>(ThrottledApp<TDb> app) : IClassFixture<ThrottledApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly SignInSettings Defaults = ThrottledApp<TDb>.Defaults;

    [Fact]
    public async Task Twenty_wrong_passwords_from_one_address_lock_out_that_address_but_not_the_owner_elsewhere()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var attacker = app.ClientFrom("127.0.0.2");

        for (var guess = 1; guess <= 20; guess++)
        {
            var refused = await SignInAsync(attacker, user.UserName, "Guess-2026-" + guess);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Wrong user name or password.", await refused.Content.ReadAsStringAsync());
        }

        // From the attacker's address even the right password no longer opens the account (locked, or throttled)...
        var right = await SignInAsync(attacker, user.UserName, user.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, right.StatusCode);

        // ...while the owner, elsewhere, signs in at once.
        var owner = await SignInAsync(app.ClientFrom("127.0.0.3"), user.UserName, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.Equal("/", owner.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task One_address_is_throttled_with_a_localized_message_and_Retry_After()
    {
        var attacker = app.ClientFrom("127.0.0.4");
        attacker.DefaultRequestHeaders.AcceptLanguage.Clear();
        attacker.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");

        var (throttled, sent) = await UntilThrottledAsync(() => SignInAsync(attacker, "nobody-" + Guid.NewGuid().ToString("N")[..6], "x"));

        Assert.True(sent > Defaults.AddressLimit, $"throttled after {sent} attempts");
        Assert.True(throttled.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("Слишком много попыток входа. Повторите через", await throttled.Content.ReadAsStringAsync());
        Assert.Contains(app.SignInLog.Lines, l => l.StartsWith("Information ", StringComparison.Ordinal) && l.Contains(" from 127.0.0.4: AddressThrottled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guesses_spread_over_many_addresses_are_held_back_per_user_name()
    {
        var user = await app.CreateUserAsync(Roles.Analyst, await app.CreateTenantAsync());
        var address = 0;

        var (throttled, sent) = await UntilThrottledAsync(() => SignInAsync(app.ClientFrom($"127.0.1.{++address}"), user.UserName, "Guess-2026"));

        Assert.True(sent > Defaults.UserNameLimit, $"throttled after {sent} attempts");
        Assert.NotNull(throttled.Headers.RetryAfter);
        Assert.Contains("Too many sign-in attempts.", await throttled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_token_endpoint_answers_429_with_Retry_After_and_a_ProblemDetails()
    {
        var client = app.ClientFrom("127.0.2.1");

        var (throttled, sent) = await UntilThrottledAsync(() =>
            client.PostAsJsonAsync("/api/v1/tokens", new { userName = "nobody", password = "Guess-2026", name = "x" }));

        Assert.True(sent > Defaults.AddressLimit, $"throttled after {sent} attempts");
        Assert.True(throttled.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType!.MediaType);
        var problem = (await throttled.Content.ReadFromJsonAsync<ProblemDto>())!;
        Assert.Equal(("too_many_attempts", 429), (problem.Code, problem.Status));
        Assert.StartsWith("Too many sign-in attempts. Try again in", problem.Title, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password) =>
        client.PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = password });

    /// <summary>Sends until an answer is 429, a few more than the limit at most (a token may come back meanwhile).</summary>
    private static async Task<(HttpResponseMessage Throttled, int Sent)> UntilThrottledAsync(Func<Task<HttpResponseMessage>> attempt)
    {
        for (var sent = 1; sent <= Math.Max(Defaults.AddressLimit, Defaults.UserNameLimit) + 10; sent++)
        {
            var response = await attempt();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (response, sent);
            }
        }

        throw new Xunit.Sdk.XunitException("No attempt was throttled.");
    }
}

public sealed class SignInThrottlingTestsOnSqlite(ThrottledApp<OnSqlite> app) : SignInThrottlingTests<OnSqlite>(app);

public sealed class SignInThrottlingTestsOnPostgres(ThrottledApp<OnPostgres> app) : SignInThrottlingTests<OnPostgres>(app);
