using KumaTip.Application.Caching;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Access;

/// <summary>
/// Remembers what a sign-in cookie decrypts to for a short while, so a browser's stream of requests does not decrypt
/// and deserialize the same cookie each time (measured: a tenth of the CPU of a panel answered from memory). Nothing
/// is trusted more than before: the cookie handler still checks the ticket's expiry on every request, the security
/// stamp is still validated when due, and a disabled account is still refused by <see cref="CurrentUserMiddleware"/>.
/// Each request gets its own copy of the ticket's properties, because a sliding renewal changes them in place.
/// At most <see cref="CachingOptions.Capacity"/> cookies are remembered; the least recently used make room.
/// </summary>
public sealed class RememberedCookieTickets(ISecureDataFormat<AuthenticationTicket> inner, CachingOptions caching, TimeProvider time)
    : ISecureDataFormat<AuthenticationTicket>
{
    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = caching.Capacity });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = time.GetTimestamp();
        if (!_tickets.TryGetValue(protectedText, out Remembered? remembered) || now >= remembered!.Until)
        {
            // A cookie that does not decrypt is not remembered: garbage costs its sender a decryption each time.
            if (inner.Unprotect(protectedText) is not { } ticket)
            {
                return null;
            }

            remembered = new Remembered(ticket, now + (long)(caching.Lifetime.TotalSeconds * time.TimestampFrequency));
            _tickets.Set(protectedText, remembered, CachingOptions.OneEntry);
        }

        var kept = remembered.Ticket;
        return new AuthenticationTicket(kept.Principal, kept.Properties.Clone(), kept.AuthenticationScheme);
    }

    private sealed record Remembered(AuthenticationTicket Ticket, long Until);

    /// <summary>Wraps the sign-in cookie's ticket format once the cookie handler's own post-configuration made it.</summary>
    public sealed class Setup(IOptions<CachingOptions> caching, TimeProvider time) : IPostConfigureOptions<CookieAuthenticationOptions>
    {
        public void PostConfigure(string? name, CookieAuthenticationOptions options)
        {
            if (name == IdentityConstants.ApplicationScheme && caching.Value.Enabled && options.TicketDataFormat is not RememberedCookieTickets)
            {
                options.TicketDataFormat = new RememberedCookieTickets(options.TicketDataFormat, caching.Value, time);
            }
        }
    }
}
