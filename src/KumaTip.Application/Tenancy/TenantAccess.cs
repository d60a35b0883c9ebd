namespace KumaTip.Application.Tenancy;

/// <summary>
/// The one access rule: which tenants the current principal may see. It is scoped (one per request or job)
/// and read by the DbContext's query filters, so no page, endpoint or service filters by tenant on its own.
/// It starts closed: a scope that nobody granted anything sees no tenant-owned data at all.
/// </summary>
public sealed class TenantAccess
{
    private IReadOnlyList<Guid> _tenantIds = [];

    /// <summary>True for General administrators and for background jobs, which act for every tenant.</summary>
    public bool Unrestricted { get; private set; }

    /// <summary>The tenants the principal may see; meaningless when <see cref="Unrestricted"/>.</summary>
    public IReadOnlyList<Guid> TenantIds => _tenantIds;

    public void GrantAll() => Unrestricted = true;

    public void Grant(IEnumerable<Guid> tenantIds)
    {
        Unrestricted = false;
        _tenantIds = tenantIds.Distinct().ToList();
    }

    public bool Allows(Guid tenantId) => Unrestricted || _tenantIds.Contains(tenantId);
}
