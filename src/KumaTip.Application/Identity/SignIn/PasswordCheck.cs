using System.Net;
using KumaTip.Application.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace KumaTip.Application.Identity.SignIn;

/// <summary>A user name and password offered from a client address (the sign-in page or <c>POST /api/v1/tokens</c>).</summary>
public sealed record SignInAttempt(string UserName, string Password, IPAddress? From);

/// <summary>
/// The one place a password is checked, behind <see cref="SignInGuard"/>. An unknown user, a wrong password, a disabled
/// account and a locked one get the same answer, so nobody learns which accounts exist; the log says which it was.
/// </summary>
public sealed class PasswordCheck(UserManager<AppUser> users, SignInGuard guard, ILogger<PasswordCheck> logger)
{
    public static readonly Error Refused = new("invalid_credentials", "Wrong user name or password.", ErrorKind.Forbidden);

    public const string ThrottledCode = "too_many_attempts";

    /// <summary>Checked when the user is unknown, so that answer takes as long as a wrong password.</summary>
    private static string? _nobodysHash;

    public async Task<Result<AppUser>> CheckAsync(SignInAttempt attempt)
    {
        var userName = attempt.UserName.Trim();
        var address = SignInGuard.AddressKey(attempt.From);
        var admission = guard.Admit(userName, address);
        if (admission.Refusal is SignInRefusal.AddressThrottled or SignInRefusal.UserNameThrottled)
        {
            // Information, not Warning: a flood would otherwise turn into a flood of warnings.
            logger.LogInformation(
                "Sign-in throttled for {UserName} from {ClientAddress}: {Refusal}", Loggable(userName), From(attempt), admission.Refusal);
            var seconds = (int)Math.Ceiling(Math.Max(1, admission.RetryAfter?.TotalSeconds ?? 1));
            return new Error(ThrottledCode, $"Too many sign-in attempts. Try again in {seconds} seconds.", ErrorKind.TooManyRequests)
            {
                RetryAfter = TimeSpan.FromSeconds(seconds),
            };
        }

        var (user, refusal) = admission.Refusal == SignInRefusal.LockedOut
            ? (null, "locked out after repeated failures")
            : await CheckPasswordAsync(userName, attempt.Password);
        if (refusal is not null)
        {
            logger.LogWarning("Sign-in refused for {UserName} from {ClientAddress}: {Reason}", Loggable(userName), From(attempt), refusal);
            if (admission.Refusal != SignInRefusal.LockedOut)
            {
                guard.RecordFailure(userName, address);
            }

            return Refused;
        }

        guard.RecordSuccess(userName, address);
        return user!;
    }

    /// <summary>The account the password opens, or why it opens none.</summary>
    private async Task<(AppUser? User, string? Refusal)> CheckPasswordAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            _nobodysHash ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), _nobodysHash, password);
            return (null, "unknown user");
        }

        return (user, !await users.CheckPasswordAsync(user, password) ? "wrong password" : user.IsDisabled ? "account disabled" : null);
    }

    private static string From(SignInAttempt attempt) => attempt.From?.ToString() ?? "an unknown address";

    /// <summary>A name no account can have (a password typed in the wrong field, control characters) is not logged.</summary>
    private static string Loggable(string userName) => AppUser.IsWellFormedName(userName) ? userName : "(not a valid user name)";
}
