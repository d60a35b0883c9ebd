using System.Security.Claims;
using KumaTip.Application.Caching;
using KumaTip.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>What a remembered sign-in cookie may and may not change about signing in.</summary>
public sealed class RememberedCookieTicketsTests
{
    private const string Cookie = "CfDJ8-a-sign-in-cookie";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly Mock<ISecureDataFormat<AuthenticationTicket>> _inner = new();

    [Fact]
    public void A_cookie_is_decrypted_once_per_lifetime_and_again_after_it()
    {
        _inner.Setup(f => f.Unprotect(Cookie)).Returns(Ticket);
        var tickets = Remembering(lifetimeSeconds: 60);

        Assert.Equal("analyst", tickets.Unprotect(Cookie)!.Principal.Identity!.Name);
        Assert.Equal("analyst", tickets.Unprotect(Cookie)!.Principal.Identity!.Name);
        _inner.Verify(f => f.Unprotect(Cookie), Times.Once);

        _time.Advance(TimeSpan.FromSeconds(61));
        tickets.Unprotect(Cookie);
        _inner.Verify(f => f.Unprotect(Cookie), Times.Exactly(2));
    }

    [Fact]
    public void Each_request_gets_its_own_properties_so_a_sliding_renewal_does_not_extend_the_remembered_cookie()
    {
        var expires = _time.GetUtcNow().AddHours(1);
        _inner.Setup(f => f.Unprotect(Cookie)).Returns(() => Ticket(expires));
        var tickets = Remembering(lifetimeSeconds: 60);

        var first = tickets.Unprotect(Cookie)!;
        first.Properties.ExpiresUtc = expires.AddHours(8);

        Assert.Equal(expires, tickets.Unprotect(Cookie)!.Properties.ExpiresUtc);
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_refused_each_time_and_never_remembered()
    {
        _inner.Setup(f => f.Unprotect("garbage")).Returns((AuthenticationTicket?)null);
        var tickets = Remembering(lifetimeSeconds: 60);

        Assert.Null(tickets.Unprotect("garbage"));
        Assert.Null(tickets.Unprotect("garbage"));
        _inner.Verify(f => f.Unprotect("garbage"), Times.Exactly(2));
    }

    [Fact]
    public void Protecting_and_purposes_go_to_the_real_format()
    {
        _inner.Setup(f => f.Protect(It.IsAny<AuthenticationTicket>())).Returns("sealed");
        _inner.Setup(f => f.Unprotect(Cookie, "other")).Returns(Ticket);
        var tickets = Remembering(lifetimeSeconds: 60);

        Assert.Equal("sealed", tickets.Protect(Ticket()));
        tickets.Unprotect(Cookie, "other");
        tickets.Unprotect(Cookie, "other");
        _inner.Verify(f => f.Unprotect(Cookie, "other"), Times.Exactly(2));
    }

    private RememberedCookieTickets Remembering(int lifetimeSeconds) =>
        new(_inner.Object, new CachingOptions { LifetimeSeconds = lifetimeSeconds }, _time);

    private AuthenticationTicket Ticket() => Ticket(_time.GetUtcNow().AddHours(8));

    private static AuthenticationTicket Ticket(DateTimeOffset expires) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "analyst")], "Identity.Application")),
        new AuthenticationProperties { ExpiresUtc = expires },
        "Identity.Application");
}
