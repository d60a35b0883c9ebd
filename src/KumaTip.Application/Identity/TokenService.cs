using System.Net;
using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Identity.SignIn;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

public sealed record CreatedToken(Guid Id, string Name, string Token, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed record TokenSummary(
    Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Personal access tokens: created after checking the user's password (or by the signed-in user), stored as a hash,
/// expiring, revocable; creation and revocation are audited.
/// </summary>
public sealed class TokenService(AppDbContext db, IssuedTokens issued, PasswordCheck passwords, AuditLog audit, TimeProvider time)
{
    private const string AuditObject = "PersonalAccessToken";

    public async Task<Result<CreatedToken>> CreateWithPasswordAsync(string? userName, string? password, IPAddress? from, string? name, int? expiresInDays, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Error.Invalid("userName", "userName and password are required.");
        }

        var user = await passwords.CheckAsync(new SignInAttempt(userName, password, from));
        return user.Succeeded ? await CreateAsync((user.Value!.Id, user.Value.UserName!), name, expiresInDays, ct) : user.Error!;
    }

    /// <summary>A token for <paramref name="owner"/>, living <paramref name="expiresInDays"/> days (90 when not given).</summary>
    public async Task<Result<CreatedToken>> CreateAsync((Guid Id, string UserName) owner, string? name, int? expiresInDays, CancellationToken ct)
    {
        if (IssuedTokens.CheckName(name, "name", "A token name is required.") is { } invalid)
        {
            return invalid;
        }

        var days = expiresInDays ?? PersonalAccessToken.DefaultLifetimeDays;
        if (days is < 1 or > PersonalAccessToken.MaxLifetimeDays)
        {
            return Error.Invalid("expiresInDays", $"A token lives 1 to {PersonalAccessToken.MaxLifetimeDays} days.");
        }

        var entity = new PersonalAccessToken { UserId = owner.Id, Name = name!.Trim() };
        var token = issued.Issue(TokenKind.PersonalAccess, entity);
        entity.ExpiresAt = entity.CreatedAt.AddDays(days);
        audit.Record(AuditActions.Create, AuditObject, entity.Id.ToString(), entity.Name, null, ["Name", "ExpiresAt"], by: owner);
        await db.SaveChangesAsync(ct);
        return new CreatedToken(entity.Id, entity.Name, token, entity.CreatedAt, entity.ExpiresAt);
    }

    public Task<List<TokenSummary>> ListAsync(Guid userId, CancellationToken ct) =>
        db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);

    public Task<Result> RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct) =>
        issued.RevokeAsync(db.PersonalAccessTokens.Where(t => t.Id == tokenId && t.UserId == userId), "Token", Audited, ct);

    /// <summary>
    /// Revokes every live token of the user, for the caller to save with the change that requires it: a password reset,
    /// a disabled account, a new role. The saved change drops the tokens' in-memory copies in every instance.
    /// </summary>
    public async Task RevokeAllAsync(Guid userId, CancellationToken ct)
    {
        foreach (var token in await db.PersonalAccessTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct))
        {
            token.RevokedAt = time.GetUtcNow();
            Audited(token);
        }
    }

    private void Audited(PersonalAccessToken token) =>
        audit.Record(AuditActions.Update, AuditObject, token.Id.ToString(), token.Name, null, ["RevokedAt"]);
}

/// <summary>Who a valid personal access token speaks for.</summary>
public sealed record TokenUser(Guid Id, string UserName, IReadOnlyList<string> Roles);
