using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Tenancy;

/// <summary>
/// The tenants a user chose in the header ("Tenants selected: 2"), remembered on his account.
/// This narrows what lists show; what a user may see at all is <see cref="TenantAccess"/>'s business.
/// </summary>
public sealed class TenantSelection(AppDbContext db, CurrentUser user, TenantService tenants, UserStandings standings)
{
    private IReadOnlyList<Guid>? _selected;

    /// <summary>The selected tenants the user may see; all of them when he chose none.</summary>
    public async Task<IReadOnlyList<Guid>> GetAsync(CancellationToken ct)
    {
        if (_selected is not null)
        {
            return _selected;
        }

        var visible = (await tenants.ListAsync(ct)).Select(t => t.Id).ToList();
        var stored = user.Id is { } id ? (await standings.GetAsync(id, ct))?.TenantSelection : null;
        var chosen = Parse(stored).Where(visible.Contains).ToList();
        _selected = chosen.Count > 0 ? chosen : visible;
        return _selected;
    }

    public async Task SetAsync(IEnumerable<Guid> tenantIds, CancellationToken ct)
    {
        if (user.Id is not { } id)
        {
            return;
        }

        var visible = (await tenants.ListAsync(ct)).Select(t => t.Id).ToList();
        var chosen = tenantIds.Where(visible.Contains).Distinct().ToList();
        var account = await db.Users.FirstAsync(u => u.Id == id, ct);
        account.TenantSelection = chosen.Count == 0 || chosen.Count == visible.Count ? null : string.Join(",", chosen);
        await db.SaveChangesAsync(ct);
        _selected = null;
    }

    private static IEnumerable<Guid> Parse(string? stored) =>
        (stored ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty)
        .Where(g => g != Guid.Empty);
}
