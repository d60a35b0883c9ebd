using System.Security.Cryptography;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

public sealed record CreatedToken(Guid Id, string Name, string Token, DateTimeOffset CreatedAt);

public sealed record TokenSummary(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Personal access tokens: created after checking the user's password, stored as a hash, revocable.</summary>
public sealed class TokenService(AppDbContext db, UserManager<AppUser> users, TimeProvider time)
{
    internal const string TokenPrefix = "ktp_";

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

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Who a valid personal access token speaks for.</summary>
public sealed record TokenUser(Guid Id, string UserName, IReadOnlyList<string> Roles);
