using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

/// <summary>The one way tokens of every kind are issued, revoked and checked.</summary>
public sealed class IssuedTokens(AppDbContext db, TimeProvider time)
{
    /// <summary>Why <paramref name="name"/> cannot name a token, or null; each kind says in its own words that one is missing.</summary>
    public static Error? CheckName(string? name, string field, string whenMissing) =>
        string.IsNullOrWhiteSpace(name) ? Error.Invalid(field, whenMissing)
        : name.Trim().Length > IssuedToken.MaxNameLength ? Error.Invalid(field, $"A token name must be at most {IssuedToken.MaxNameLength} characters.")
        : null;

    /// <summary>Mints the secret of <paramref name="token"/> and adds it, for the caller to save; the secret is returned this once.</summary>
    public string Issue(TokenKind kind, IssuedToken token)
    {
        var secret = kind.Mint();
        token.Id = Guid.NewGuid();
        token.Prefix = secret[..kind.StoredPrefixLength];
        token.Hash = TokenKind.Hash(secret);
        token.CreatedAt = time.GetUtcNow();
        db.Add(token);
        return secret;
    }

    /// <summary>Revokes the token <paramref name="matching"/> finds; <paramref name="revoked"/> runs only when it was still valid.</summary>
    public async Task<Result> RevokeAsync<TToken>(IQueryable<TToken> matching, string what, Action<TToken>? revoked, CancellationToken ct)
        where TToken : IssuedToken
    {
        var token = await matching.FirstOrDefaultAsync(ct);
        if (token is null)
        {
            return Error.NotFound(what);
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            revoked?.Invoke(token);
            await db.SaveChangesAsync(ct);
        }

        return Result.Ok();
    }

    /// <summary>The valid token a presented one is, or null for an unknown, revoked, expired or malformed one.</summary>
    /// <remarks>
    /// It runs on every API request, so a valid token is checked against memory: the copy is dropped when a token,
    /// user, role or tenant is saved (in any instance), so a revocation or a disabled account applies at once.
    /// Unknown tokens are not kept: each one is looked up by <paramref name="find"/>.
    /// </remarks>
    public async Task<ValidToken<TSubject>?> CheckAsync<TToken, TSubject>(
        TokenKind kind,
        string presented,
        ChangeAwareCache<string, ValidToken<TSubject>?> copies,
        Func<(AppDbContext Db, byte[] Hash), CancellationToken, Task<ValidToken<TSubject>?>> find,
        CancellationToken ct)
        where TToken : IssuedToken
    {
        var now = time.GetUtcNow();
        if (kind.HashOf(presented) is not { } hash
            || await copies.GetOrLoadAsync(Convert.ToHexString(hash), (db, hash), find, t => t is not null, ct) is not { } found
            || found.ExpiresAt <= now)
        {
            return null;
        }

        // Written at most once a minute per token, so API traffic does not turn into write traffic; not through
        // SaveChanges, so it outdates no copy (the time of last use is not kept in memory).
        if (found.ShouldRecordUse(now))
        {
            await db.Set<TToken>().IgnoreQueryFilters().Where(t => t.Id == found.TokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return found;
    }
}

/// <summary>A valid token as kept in memory: what it speaks for, and when its use was last written to the database.</summary>
public sealed class ValidToken<TSubject>(Guid tokenId, TSubject subject, DateTimeOffset? lastUsedAt)
{
    private long _lastUsedTicks = lastUsedAt?.UtcTicks ?? 0;

    public Guid TokenId { get; } = tokenId;

    public TSubject Subject { get; } = subject;

    /// <summary>Checked on every use, since the copy outlives the moment it was read.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>True at most once a minute (across concurrent requests): the caller then writes LastUsedAt.</summary>
    public bool ShouldRecordUse(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastUsedTicks);
        return now.UtcTicks - last > TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _lastUsedTicks, now.UtcTicks, last) == last;
    }
}
