using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Identity.SignIn;

public enum SignInRefusal
{
    None,
    AddressThrottled,
    LockedOut,
    UserNameThrottled,
}

/// <summary>Whether a password may be checked now; <see cref="RetryAfter"/> says when a throttled one may be tried again.</summary>
public sealed record Admission(SignInRefusal Refusal, TimeSpan? RetryAfter = null)
{
    public static readonly Admission Allowed = new(SignInRefusal.None);
}

/// <summary>
/// Decides, before a password is checked, whether it may be (ADR 003): a rate limit per client address, then a
/// lockout of the user name for that address alone after repeated failures, then a rate limit per user name. A locked
/// attempt spends nothing of the user name's limit, so one address cannot use it up and keep the owner out.
/// The limits are token buckets from System.Threading.RateLimiting, the limiters behind ASP.NET Core's rate limiting
/// middleware, which cannot partition by a user name that is still inside the request body. State is in this
/// instance's memory: behind several instances an attacker gets each instance's allowance.
/// </summary>
public sealed class SignInGuard : IDisposable
{
    /// <summary>Lockout records kept at most; a flood of made-up names cannot take the memory.</summary>
    private const int MaxLockoutRecords = 100_000;

    private readonly SignInSettings _settings;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perUserName;
    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = MaxLockoutRecords });

    public SignInGuard(IOptions<SignInSettings> settings, TimeProvider time)
    {
        _settings = settings.Value;
        _time = time;
        _perAddress = TokenBuckets(_settings.AddressLimit, _settings.AddressWindow);
        _perUserName = TokenBuckets(_settings.UserNameLimit, _settings.UserNameWindow);
    }

    /// <summary>
    /// The key an address is counted under: IPv6 clients by their /64, since one host commonly holds a whole /64
    /// and could otherwise change its address for every attempt.
    /// </summary>
    public static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public Admission Admit(string userName, string address)
    {
        using var byAddress = _perAddress.AttemptAcquire(address);
        if (!byAddress.IsAcquired)
        {
            return new Admission(SignInRefusal.AddressThrottled, RetryAfterOf(byAddress));
        }

        if (IsLockedOut(userName, address))
        {
            return new Admission(SignInRefusal.LockedOut);
        }

        using var byUserName = _perUserName.AttemptAcquire(Normalized(userName));
        return byUserName.IsAcquired ? Admission.Allowed : new Admission(SignInRefusal.UserNameThrottled, RetryAfterOf(byUserName));
    }

    /// <summary>Counts a failure; the last one of <see cref="SignInSettings.LockoutFailures"/> in a row locks the name for the address.</summary>
    public void RecordFailure(string userName, string address)
    {
        var now = _time.GetUtcNow();
        var failures = _failures.GetOrCreate(LockoutKey(userName, address), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = _settings.LockoutDuration;
            return new Failures();
        })!;
        lock (failures)
        {
            // Failures further apart than a lockout are not a series.
            if (now - failures.LastAt > _settings.LockoutDuration)
            {
                failures.Count = 0;
            }

            failures.LastAt = now;
            if (++failures.Count >= _settings.LockoutFailures)
            {
                // Fixed from this failure: attempts made while locked do not lengthen it.
                failures.LockedUntil = now + _settings.LockoutDuration;
                failures.Count = 0;
            }
        }
    }

    public void RecordSuccess(string userName, string address) => _failures.Remove(LockoutKey(userName, address));

    public void Dispose()
    {
        _perAddress.Dispose();
        _perUserName.Dispose();
        _failures.Dispose();
    }

    private bool IsLockedOut(string userName, string address)
    {
        if (!_failures.TryGetValue(LockoutKey(userName, address), out Failures? failures))
        {
            return false;
        }

        lock (failures!)
        {
            return failures.LockedUntil > _time.GetUtcNow();
        }
    }

    /// <summary>Longer names than any account may have all count as one: a made-up megabyte is not kept.</summary>
    private static string Normalized(string userName) =>
        (userName.Length > AppUser.MaxUserNameLength ? userName[..(AppUser.MaxUserNameLength + 1)] : userName).ToUpperInvariant();

    private static (string, string) LockoutKey(string userName, string address) => (Normalized(userName), address);

    private static TimeSpan? RetryAfterOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : null;

    /// <summary>Up to <paramref name="limit"/> attempts at once, then one more each <paramref name="window"/>/<paramref name="limit"/>.</summary>
    private static PartitionedRateLimiter<string> TokenBuckets(int limit, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = window / limit,
            QueueLimit = 0,
        }));

    private sealed class Failures
    {
        public int Count { get; set; }

        public DateTimeOffset LastAt { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
