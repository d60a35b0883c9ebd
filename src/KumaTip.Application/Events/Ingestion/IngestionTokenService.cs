using System.Security.Cryptography;
using System.Text;
using KumaTip.Application.Audit;
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
/// Per-tenant ingestion tokens: administrators of a tenant create them (the token is returned once, only its hash is
/// kept) and revoke them; the ingestion endpoint validates them. The <c>kte_</c> prefix ("KumaTip events") tells
/// them apart from personal access tokens (<c>ktp_</c>).
/// </summary>
public sealed class IngestionTokenService(AppDbContext db, TenantAccess access, CurrentUser user, AuditLog audit, TimeProvider time)
{
    public const string TokenPrefix = "kte_";

    public static bool LooksLikeIngestionToken(string presented) => presented.StartsWith(TokenPrefix, StringComparison.Ordinal);

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

        if (string.IsNullOrWhiteSpace(name))
        {
            return Error.Invalid("Name", "A token name is required, e.g. the collector that will use it.");
        }

        if (name.Trim().Length > IngestionToken.MaxNameLength)
        {
            return Error.Invalid("Name", $"A token name must be at most {IngestionToken.MaxNameLength} characters.");
        }

        var token = TokenPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var entity = new IngestionToken
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            Name = name.Trim(),
            Prefix = token[..12],
            Hash = HashOf(token),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = user.UserName,
        };
        db.Set<IngestionToken>().Add(entity);
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

    public async Task<Result> RevokeAsync(Guid tokenId, CancellationToken ct)
    {
        if (!user.IsAdministrator)
        {
            return new Error("forbidden", "Only administrators of a tenant can revoke its ingestion tokens.", ErrorKind.Forbidden);
        }

        var token = await db.Set<IngestionToken>().FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null)
        {
            return Error.NotFound("Ingestion token");
        }

        if (token.RevokedAt is null)
        {
            token.RevokedAt = time.GetUtcNow();
            audit.Record(AuditActions.Update, "IngestionToken", token.Id.ToString(), token.Name, token.TenantId, ["RevokedAt"]);
            await db.SaveChangesAsync(ct);
        }

        return Result.Ok();
    }

    /// <summary>
    /// The tenant a presented token may send events to, or null for an unknown or revoked one. Runs before anyone is
    /// signed in, so it looks past the tenant filter: the token itself is the proof of access.
    /// </summary>
    public async Task<Guid?> ValidateAsync(string presented, CancellationToken ct)
    {
        if (!LooksLikeIngestionToken(presented) || presented.Length > 128)
        {
            return null;
        }

        var hash = HashOf(presented);
        var token = await db.Set<IngestionToken>().IgnoreQueryFilters().FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null || token.RevokedAt is not null)
        {
            return null;
        }

        // Written at most once a minute per token, so ingestion traffic does not turn into write traffic.
        var now = time.GetUtcNow();
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return token.TenantId;
    }

    private static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
