using KumaTip.Application.Caching;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

/// <summary>
/// Checks personal access tokens on every API request. Apart from <see cref="TokenService"/> (which creates them
/// after checking a password) so the check does not build Identity's UserManager for each request.
/// </summary>
public sealed class TokenValidator(IssuedTokens tokens, ChangeAwareCache<string, ValidToken<TokenUser>?> validTokens)
{
    /// <summary>The active user a presented token belongs to, or null for an unknown, revoked, expired or disabled one.</summary>
    public async Task<TokenUser?> ValidateAsync(string presented, CancellationToken ct) =>
        (await tokens.CheckAsync<PersonalAccessToken, TokenUser>(TokenKind.PersonalAccess, presented, validTokens, FindAsync, ct))?.Subject;

    /// <summary>One query for the token, its user and its roles.</summary>
    private static async Task<ValidToken<TokenUser>?> FindAsync((AppDbContext Db, byte[] Hash) query, CancellationToken ct)
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
                    token.ExpiresAt,
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
            : new ValidToken<TokenUser>(
                found.TokenId,
                new TokenUser(found.UserId, found.UserName!, found.Roles.Where(r => r is not null).Select(r => r!).ToList()),
                found.LastUsedAt)
            { ExpiresAt = found.ExpiresAt };
    }
}
