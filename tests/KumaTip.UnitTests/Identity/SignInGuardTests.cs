using System.Net;
using KumaTip.Application.Identity.SignIn;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KumaTip.UnitTests.Identity;

/// <summary>What decides whether a password may be tried: limits per address and per name, a lockout per name and address.</summary>
public sealed class SignInGuardTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
    private readonly SignInGuard _guard;

    public SignInGuardTests() =>
        _guard = new SignInGuard(Options.Create(new SignInSettings { AddressLimit = 1000, UserNameLimit = 1000 }), _time);

    [Fact]
    public void Five_failures_lock_the_name_for_their_address_only_and_for_15_minutes_however_often_it_is_tried()
    {
        Fail("admin", "10.0.0.66", times: 5);

        Assert.Equal(SignInRefusal.LockedOut, _guard.Admit("ADMIN", "10.0.0.66").Refusal);
        Assert.Equal(SignInRefusal.None, _guard.Admit("admin", "10.0.0.5").Refusal);
        Assert.Equal(SignInRefusal.None, _guard.Admit("analyst", "10.0.0.66").Refusal);

        _time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(SignInRefusal.LockedOut, _guard.Admit("admin", "10.0.0.66").Refusal);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(SignInRefusal.None, _guard.Admit("admin", "10.0.0.66").Refusal);
    }

    [Fact]
    public void A_success_or_a_quiet_quarter_of_an_hour_forgets_the_failures_before_it()
    {
        Fail("admin", "10.0.0.66", times: 4);
        _guard.RecordSuccess("admin", "10.0.0.66");
        Fail("admin", "10.0.0.66", times: 4);
        _time.Advance(TimeSpan.FromMinutes(16));
        Fail("admin", "10.0.0.66", times: 1);

        Assert.Equal(SignInRefusal.None, _guard.Admit("admin", "10.0.0.66").Refusal);
    }

    [Fact]
    public void The_address_limit_comes_first_and_a_locked_attempt_spends_nothing_of_the_user_name_limit()
    {
        using var guard = new SignInGuard(Options.Create(new SignInSettings { AddressLimit = 8, UserNameLimit = 6 }), _time);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SignInRefusal.None, guard.Admit("admin", "10.0.0.66").Refusal);
            guard.RecordFailure("admin", "10.0.0.66");
        }

        Assert.Equal(SignInRefusal.LockedOut, guard.Admit("admin", "10.0.0.66").Refusal);
        Assert.Equal(SignInRefusal.LockedOut, guard.Admit("admin", "10.0.0.66").Refusal);
        Assert.Equal(SignInRefusal.LockedOut, guard.Admit("admin", "10.0.0.66").Refusal);
        var throttled = guard.Admit("admin", "10.0.0.66");
        Assert.Equal(SignInRefusal.AddressThrottled, throttled.Refusal);
        Assert.True(throttled.RetryAfter > TimeSpan.Zero);

        // Five of the six checks of the name are spent; the owner's comes through, the next guess does not.
        Assert.Equal(SignInRefusal.None, guard.Admit("admin", "10.0.0.5").Refusal);
        Assert.Equal(SignInRefusal.UserNameThrottled, guard.Admit("admin", "10.0.0.7").Refusal);
    }

    [Theory]
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64")]
    [InlineData("::ffff:192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    public void An_IPv6_client_counts_by_its_64_and_an_IPv4_one_by_its_address(string address, string key)
    {
        Assert.Equal(key, SignInGuard.AddressKey(IPAddress.Parse(address)));
    }

    public void Dispose() => _guard.Dispose();

    private void Fail(string userName, string address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            _guard.RecordFailure(userName, address);
        }
    }
}
