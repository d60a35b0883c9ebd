using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Identity;

/// <summary>
/// What personal access tokens and ingestion tokens have in common: a random secret shown once, at creation. Only its
/// SHA-256 hash is stored, with its first characters so people can tell their tokens apart; it is revoked, never deleted.
/// </summary>
public abstract class IssuedToken
{
    public const int MaxNameLength = 128;

    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, so people can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";

    public byte[] Hash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// A kind of token, told apart by its marker: <c>ktp_</c> for personal access tokens, <c>kte_</c> ("KumaTip events")
/// for ingestion tokens, so the bearer handler is chosen before anything is looked up.
/// </summary>
public sealed record TokenKind(string Marker, int StoredPrefixLength)
{
    public static readonly TokenKind PersonalAccess = new("ktp_", 10);

    public static readonly TokenKind Ingestion = new("kte_", 12);

    /// <summary>A minted token has 47 characters; anything much longer is refused before it is hashed.</summary>
    private const int MaxLength = 128;

    public bool Marks(string presented) => presented.StartsWith(Marker, StringComparison.Ordinal);

    /// <summary>The hash a presented token is stored under, or null when it cannot be a token of this kind.</summary>
    public byte[]? HashOf(string presented) => Marks(presented) && presented.Length <= MaxLength ? Hash(presented) : null;

    internal string Mint() => Marker + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    internal static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}

internal static class IssuedTokenConfiguration
{
    public static void IsIssuedToken<TToken>(this EntityTypeBuilder<TToken> builder)
        where TToken : IssuedToken
    {
        builder.Property(t => t.Name).HasMaxLength(IssuedToken.MaxNameLength);
        builder.Property(t => t.Prefix).HasMaxLength(16);
        builder.Property(t => t.Hash).HasMaxLength(32);
        builder.HasIndex(t => t.Hash).IsUnique();
    }
}
