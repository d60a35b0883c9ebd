using KumaTip.Application.Caching;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

/// <summary>
/// What every request of a signed-in user needs to know about the account: whether it is disabled, its tenants,
/// the tenants chosen in the header (comma-separated ids; null for all), and the security stamp a sign-in cookie
/// must still carry (sign-out, a password reset or disabling the account change it).
/// </summary>
public sealed record UserStanding(bool IsDisabled, IReadOnlyList<Guid> TenantIds, string? TenantSelection, string? SecurityStamp);

/// <summary>
/// <see cref="UserStanding"/> from memory, read again from the database after any saved change to users, roles,
/// tenants or tokens (in any instance): a disabled account or a withdrawn tenant applies from the next request.
/// </summary>
public sealed class UserStandings(AppDbContext db, ChangeAwareCache<Guid, UserStanding?> cache)
{
    /// <summary>Null for an account that no longer exists.</summary>
    public Task<UserStanding?> GetAsync(Guid userId, CancellationToken ct) =>
        cache.GetOrLoadAsync(userId, (db, userId), ReadAsync, s => s is not null, ct);

    private static async Task<UserStanding?> ReadAsync((AppDbContext Db, Guid UserId) query, CancellationToken ct)
    {
        var (db, userId) = query;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.IsDisabled, TenantIds = u.Tenants.Select(t => t.TenantId).ToList(), u.TenantSelection, u.SecurityStamp })
            .FirstOrDefaultAsync(ct);
        return account is null ? null : new UserStanding(account.IsDisabled, account.TenantIds, account.TenantSelection, account.SecurityStamp);
    }
}
