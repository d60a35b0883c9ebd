namespace KumaTip.Application.Identity;

/// <summary>A token for API clients, speaking for the user who created it until it expires or is revoked.</summary>
public sealed class PersonalAccessToken : IssuedToken
{
    public const int DefaultLifetimeDays = 90;

    public const int MaxLifetimeDays = 365;

    public Guid UserId { get; set; }

    /// <summary>Chosen at creation; tokens created before expiry existed were given their creation + 90 days.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
