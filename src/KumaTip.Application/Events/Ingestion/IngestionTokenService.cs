using KumaTip.Application.Audit;
using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Events.Ingestion;

public sealed record CreatedIngestionToken(Guid Id, Guid TenantId, string Name, string Token, DateTimeOffset CreatedAt);

public sealed record IngestionTokenSummary(
    Guid Id, Guid TenantId, string TenantName, string Name, string Prefix, string? CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Per-tenant ingestion tokens (<c>kte_</c>): administrators of a tenant create them (the token is returned once) and
/// revoke them; the ingestion endpoint's bearer handler validates them.
/// </summary>
public sealed class IngestionTokenService(
    AppDbContext db, IssuedTokens issued, ChangeAwareCache<string, ValidToken<Guid>?> validTokens, TenantAccess access, CurrentUser user, AuditLog audit)
{
    public async Task<Result<CreatedIngestionToken>> CreateAsync(Guid tenantId, string? name, CancellationToken ct)
    {
        if (!user.IsAdministrator)
        {
            return new Error("forbidden", "Only administrators of a tenant can create its ingestion tokens.", ErrorKind.Forbidden);
        }

        if (!access.Allows(tenantId) || !await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            return new Error("not_found", "Tenant was not found.", ErrorKind.NotFound) { Field = "TenantId" };
        }

        if (IssuedTokens.CheckName(name, "Name", "A token name is required, e.g. the collector that will use it.") is { } invalid)
        {
            return invalid;
        }

        var entity = new IngestionToken { TenantId = tenantId, Name = name!.Trim(), CreatedBy = user.UserName };
        var token = issued.Issue(TokenKind.Ingestion, entity);
        audit.Record(AuditActions.Create, "IngestionToken", entity.Id.ToString(), entity.Name, tenantId, ["Name"]);
        await db.SaveChangesAsync(ct);
        return new CreatedIngestionToken(entity.Id, tenantId, entity.Name, token, entity.CreatedAt);
    }

    /// <summary>The tokens of the given tenants (narrowed further by what the user may see).</summary>
    public Task<List<IngestionTokenSummary>> ListAsync(IReadOnlyList<Guid> tenantIds, CancellationToken ct) =>
        (from t in db.Set<IngestionToken>().AsNoTracking()
         join tenant in db.Tenants on t.TenantId equals tenant.Id
         where tenantIds.Contains(t.TenantId)
         orderby t.CreatedAt descending
         select new IngestionTokenSummary(t.Id, t.TenantId, tenant.Name, t.Name, t.Prefix, t.CreatedBy, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
        .ToListAsync(ct);

    public async Task<Result> RevokeAsync(Guid tokenId, CancellationToken ct) =>
        !user.IsAdministrator
            ? new Error("forbidden", "Only administrators of a tenant can revoke its ingestion tokens.", ErrorKind.Forbidden)
            : await issued.RevokeAsync(
                db.Set<IngestionToken>().Where(t => t.Id == tokenId),
                "Ingestion token",
                t => audit.Record(AuditActions.Update, "IngestionToken", t.Id.ToString(), t.Name, t.TenantId, ["RevokedAt"]),
                ct);

    /// <summary>
    /// The tenant a presented token may send events to, or null for an unknown or revoked one. Runs before anyone is
    /// signed in, so it looks past the tenant filter: the token itself is the proof of access.
    /// </summary>
    public async Task<Guid?> ValidateAsync(string presented, CancellationToken ct) =>
        (await issued.CheckAsync<IngestionToken, Guid>(TokenKind.Ingestion, presented, validTokens, FindAsync, ct))?.Subject;

    private static Task<ValidToken<Guid>?> FindAsync((AppDbContext Db, byte[] Hash) query, CancellationToken ct) =>
        query.Db.Set<IngestionToken>().IgnoreQueryFilters().AsNoTracking()
            .Where(t => t.Hash == query.Hash && t.RevokedAt == null)
            .Select(t => new ValidToken<Guid>(t.Id, t.TenantId, t.LastUsedAt))
            .FirstOrDefaultAsync(ct);
}
