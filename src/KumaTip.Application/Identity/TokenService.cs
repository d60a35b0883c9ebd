using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

public sealed record CreatedToken(Guid Id, string Name, string Token, DateTimeOffset CreatedAt);

public sealed record TokenSummary(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>Personal access tokens: created after checking the user's password, stored as a hash, revocable.</summary>
public sealed class TokenService(AppDbContext db, IssuedTokens issued, UserManager<AppUser> users)
{
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
        if (IssuedTokens.CheckName(name, "name", "A token name is required.") is { } invalid)
        {
            return invalid;
        }

        var entity = new PersonalAccessToken { UserId = userId, Name = name!.Trim() };
        var token = issued.Issue(TokenKind.PersonalAccess, entity);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(entity.Id, entity.Name, token, entity.CreatedAt);
    }

    public Task<List<TokenSummary>> ListAsync(Guid userId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);

    public Task<Result> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct) =>
        issued.RevokeAsync(db.PersonalAccessTokens.Where(t => t.Id == tokenId && t.UserId == userId), "Token", revoked: null, ct);
}

/// <summary>Who a valid personal access token speaks for.</summary>
public sealed record TokenUser(Guid Id, string UserName, IReadOnlyList<string> Roles);
