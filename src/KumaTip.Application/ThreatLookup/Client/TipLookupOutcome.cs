using KumaTip.Application.Common;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// How a lookup ended. Exactly one of the nested records; match on them
/// (<c>outcome is TipLookupOutcome.Data data</c>). Every failure carries an <see cref="Error"/> with a stable code and
/// a message a user can act on; none carries a password, PFX or PFX password.
/// </summary>
public abstract record TipLookupOutcome
{
    private protected TipLookupOutcome()
    {
    }

    /// <summary>Every attempt made, in order (empty when nothing was tried).</summary>
    public IReadOnlyList<TipAttempt> Attempts { get; init; } = [];

    /// <summary>Requests that left KumaTip for TIP (each may have counted against the licence).</summary>
    public int RequestsSent => Attempts.Count(a => a.Sent);

    /// <summary>The failure, or null for <see cref="Data"/> and <see cref="NotFound"/>.</summary>
    public virtual Error? Failure => null;

    /// <summary>TIP answered 200 with data: its sections as sent, and the zone, LicenseInfo and file hashes read from them.</summary>
    public sealed record Data(TipAnswer Answer, int StatusCode) : TipLookupOutcome;

    /// <summary>TIP answered 404: it knows nothing about the object. A valid answer, not an error.</summary>
    public sealed record NotFound : TipLookupOutcome;

    /// <summary>TIP refused for a reason that retrying will not change (401, 403, 400, TLS, proxy credentials, a broken PFX).</summary>
    /// <param name="StatusCode">TIP's (or the proxy's) status when there was one.</param>
    public sealed record PermanentFailure(Error Error, int? StatusCode) : TipLookupOutcome
    {
        public override Error? Failure => Error;
    }

    /// <summary>
    /// TIP could not be reached or kept failing after the retries (5xx, 429, timeouts, resets), or the circuit breaker
    /// is open. Worth trying again later: <paramref name="RetryAt"/> says when, if known.
    /// </summary>
    public sealed record TransientFailure(Error Error, DateTimeOffset? RetryAt) : TipLookupOutcome
    {
        public override Error? Failure => Error;
    }

    /// <summary>Refused by KumaTip before anything was sent: the service would have refused it too (or the lookup is disabled).</summary>
    public sealed record Refused(Error Error) : TipLookupOutcome
    {
        public override Error? Failure => Error;
    }

    /// <summary>The request budget (the licence quota) refused an attempt: that attempt was not sent.</summary>
    public sealed record QuotaRefused(Error Error) : TipLookupOutcome
    {
        public override Error? Failure => Error;
    }
}
