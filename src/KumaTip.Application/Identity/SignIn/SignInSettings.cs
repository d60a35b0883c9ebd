using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.Identity.SignIn;

/// <summary>
/// The <c>SignIn</c> section: how fast passwords may be tried (the sign-in page and <c>POST /api/v1/tokens</c>), the
/// lockout of a user name from one address, and how long a sign-in session lasts (ADR 003).
/// </summary>
public sealed class SignInSettings
{
    public const string Section = "SignIn";

    /// <summary>Attempts one client address may make per <see cref="AddressWindow"/>, whatever the user names.</summary>
    [Range(1, 100_000)]
    public int AddressLimit { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Passwords checked per <see cref="UserNameWindow"/> for one user name, from all addresses together.</summary>
    [Range(1, 100_000)]
    public int UserNameLimit { get; set; } = 10;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan UserNameWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed attempts after which a user name is locked for the address they came from.</summary>
    [Range(1, 1000)]
    public int LockoutFailures { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session ends after this long without a request (sliding).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after sign-in, however active it is.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
