namespace KumaTip.Application.Identity;

/// <summary>A token for API clients. Only its SHA-256 hash is stored; the token itself is shown once, at creation.</summary>
public sealed class PersonalAccessToken
{
    public const int MaxNameLength = 128;

    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, so a user can tell his tokens apart.</summary>
    public required string Prefix { get; set; }

    public required byte[] Hash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
