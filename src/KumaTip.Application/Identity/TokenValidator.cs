using System.Security.Cryptography;
using KumaTip.Application.Caching;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

/// <summary>
/// Checks personal access tokens on every API request. Apart from <see cref="TokenService"/> (which creates them
/// after checking a password) so the check does not build Identity's UserManager for each request.
/// </summary>
public sealed class TokenValidator(AppDbContext db, ChangeAwareCache<string, ValidToken?> validTokens, TimeProvider time)
{
    /// <summary>The active user a presented token belongs to, or null for an unknown, revoked or disabled one.</summary>
    /// <remarks>
    /// It runs on every API request, so a valid token is checked against memory: the copy is dropped when a token,
    /// user, role or tenant is saved (in any instance), so a revocation or a disabled account applies at once.
    /// Unknown tokens are not kept: each one is looked up, with one query for the token, its user and its roles.
    /// </remarks>
    public async Task<TokenUser?> ValidateAsync(string presented, CancellationToken ct)
    {
        if (!presented.StartsWith(TokenService.TokenPrefix, StringComparison.Ordinal) || presented.Length > 128)
        {
            return null;
        }

        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented));
        var found = await validTokens.GetOrLoadAsync(Convert.ToHexString(hash), (db, hash), FindAsync, t => t is not null, ct);
        if (found is null)
        {
            return null;
        }

        // Written at most once a minute per token, so API traffic does not turn into write traffic.
        var now = time.GetUtcNow();
        if (found.ShouldRecordUse(now))
        {
            await db.PersonalAccessTokens.Where(t => t.Id == found.TokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }

        return found.User;
    }

    private static async Task<ValidToken?> FindAsync((AppDbContext Db, byte[] Hash) query, CancellationToken ct)
    {
        var (db, hash) = query;
        var found = await (
                from token in db.PersonalAccessTokens.AsNoTracking()
                join user in db.Users.AsNoTracking() on token.UserId equals user.Id
                where token.Hash == hash && token.RevokedAt == null && !user.IsDisabled
                select new
                {
                    TokenId = token.Id,
                    token.LastUsedAt,
                    UserId = user.Id,
                    user.UserName,
                    Roles = (from link in db.UserRoles
                             join role in db.Roles on link.RoleId equals role.Id
                             where link.UserId == user.Id
                             select role.Name).ToList(),
                })
            .FirstOrDefaultAsync(ct);
        return found is null
            ? null
            : new ValidToken(
                found.TokenId,
                new TokenUser(found.UserId, found.UserName!, found.Roles.Where(r => r is not null).Select(r => r!).ToList()),
                found.LastUsedAt);
    }
}

/// <summary>A valid token as kept in memory, with when its use was last written to the database.</summary>
public sealed class ValidToken(Guid tokenId, TokenUser user, DateTimeOffset? lastUsedAt)
{
    private long _lastUsedTicks = lastUsedAt?.UtcTicks ?? 0;

    public Guid TokenId { get; } = tokenId;

    public TokenUser User { get; } = user;

    /// <summary>True at most once a minute (across concurrent requests): the caller then writes LastUsedAt.</summary>
    public bool ShouldRecordUse(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastUsedTicks);
        return now.UtcTicks - last > TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _lastUsedTicks, now.UtcTicks, last) == last;
    }
}
