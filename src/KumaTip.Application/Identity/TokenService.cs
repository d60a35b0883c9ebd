using System.Security.Cryptography;
using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

public sealed record CreatedToken(Guid Id, string Name, string Token, DateTimeOffset CreatedAt);

public sealed record TokenSummary(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Personal access tokens: created after checking the user's password, stored as a hash, revocable.</summary>
public sealed class TokenService(AppDbContext db, UserManager<AppUser> users, ChangeAwareCache<string, ValidToken?> validTokens, TimeProvider time)
{
    private const string TokenPrefix = "ktp_";

    public async Task<Result<CreatedToken>> CreateWithPasswordAsync(string? userName, string? password, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Error.Invalid("userName", "userName and password are required.");
        }

        var user = await users.FindByNameAsync(userName.Trim());
        var invalid = new Error("invalid_credentials", "Wrong user name or password.", ErrorKind.Forbidden);
        if (user is null || user.IsDisabled)
        {
            return invalid;
        }

        if (await users.IsLockedOutAsync(user))
        {
            return new Error("locked_out", "The account is locked after repeated failed sign-ins. Try again later.", ErrorKind.Forbidden);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return invalid;
        }

        await users.ResetAccessFailedCountAsync(user);
        return await CreateAsync(user.Id, name, ct);
    }

    public async Task<Result<CreatedToken>> CreateAsync(Guid userId, string? name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Error.Invalid("name", "A token name is required.");
        }

        if (name.Trim().Length > PersonalAccessToken.MaxNameLength)
        {
            return Error.Invalid("name", $"A token name must be at most {PersonalAccessToken.MaxNameLength} characters.");
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var entity = new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name.Trim(),
            Prefix = token[..10],
            Hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)),
            CreatedAt = time.GetUtcNow(),
        };
        db.PersonalAccessTokens.Add(entity);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(entity.Id, entity.Name, token, entity.CreatedAt);
    }

    public Task<List<TokenSummary>> ListAsync(Guid userId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);

    public async Task<Result> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null)
        {
            return Error.NotFound("Token");
        }

        token.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The active user a presented token belongs to, or null for an unknown, revoked or disabled one.</summary>
    /// <remarks>
    /// It runs on every API request, so a valid token is checked against memory: the copy is dropped when a token,
    /// user, role or tenant is saved (in any instance), so a revocation or a disabled account applies at once.
    /// Unknown tokens are not kept: each one is looked up, with one query for the token, its user and its roles.
    /// </remarks>
    public async Task<TokenUser?> ValidateAsync(string presented, CancellationToken ct)
    {
        if (!presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 128)
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

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Who a valid personal access token speaks for.</summary>
public sealed record TokenUser(Guid Id, string UserName, IReadOnlyList<string> Roles);

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
