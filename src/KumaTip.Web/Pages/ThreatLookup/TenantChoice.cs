using KumaTip.Application.Tenancy;

namespace KumaTip.Web.Pages.ThreatLookup;

/// <summary>
/// For which tenant a lookup task is created: the event's tenant when the link carries it; otherwise the user picks one
/// of the selected tenants (with one selected, the service takes it).
/// </summary>
public sealed record TenantChoice(Guid? TenantId, IReadOnlyList<Tenant> Choices)
{
    public static async Task<TenantChoice> LoadAsync(Guid? tenantId, TenantService tenants, TenantSelection selection, CancellationToken ct)
    {
        if (tenantId is not null)
        {
            return new TenantChoice(tenantId, []);
        }

        var selected = await selection.GetAsync(ct);
        return new TenantChoice(null, (await tenants.ListAsync(ct)).Where(t => selected.Contains(t.Id)).ToList());
    }
}
