using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Audit;

public sealed record AuditFilter(string? UserName, string? ObjectType, DateTimeOffset? From, DateTimeOffset? To, int Limit = 200);

public sealed class AuditQueries(AppDbContext db)
{
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(AuditFilter filter, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            query = query.Where(e => e.UserName == filter.UserName.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.ObjectType))
        {
            query = query.Where(e => e.ObjectType == filter.ObjectType.Trim());
        }

        if (filter.From is { } from)
        {
            query = query.Where(e => e.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(e => e.At <= to);
        }

        return await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(Math.Clamp(filter.Limit, 1, 1000)).ToListAsync(ct);
    }
}
