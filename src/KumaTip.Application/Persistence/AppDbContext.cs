using System.Linq.Expressions;
using KumaTip.Application.Audit;
using KumaTip.Application.Identity;
using KumaTip.Application.Tasks;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Application.ThreatLookup.Quota;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Persistence;

/// <summary>
/// The one DbContext. Provider-specific subclasses (<see cref="SqliteAppDbContext"/>, <see cref="PostgresAppDbContext"/>)
/// exist only so that each provider keeps its own migrations; services always ask for this type.
/// </summary>
public abstract class AppDbContext : IdentityDbContext<AppUser, AppRole, Guid>, IDataProtectionKeyContext
{
    // Until a scope hands over its own (see PersistenceSetup), the context sees no tenant's data: design-time tools
    // build the model without a request, and nothing is queried then.
    private TenantAccess _access = new();

    protected AppDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The tenants this context's queries may see: the current scope's, set each time the context is rented.</summary>
    internal TenantAccess Access
    {
        set => _access = value;
    }

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<UserTenant> UserTenants => Set<UserTenant>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<TaskManagerVisit> TaskManagerVisits => Set<TaskManagerVisit>();

    public DbSet<ObservableCacheEntry> ObservableCache => Set<ObservableCacheEntry>();

    public DbSet<ObservableAlias> ObservableAliases => Set<ObservableAlias>();

    public DbSet<LicenseQuota> LicenseQuota => Set<LicenseQuota>();

    /// <summary>Read by the query filters on every query (EF parameterises context members per query).</summary>
    internal bool AccessUnrestricted => _access.Unrestricted;

    internal IReadOnlyList<Guid> AccessibleTenantIds => _access.TenantIds;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        builder.Entity<Tenant>().HasQueryFilter(t => AccessUnrestricted || AccessibleTenantIds.Contains(t.Id));
        builder.Entity<AuditEntry>().HasQueryFilter(
            e => AccessUnrestricted || (e.TenantId != null && AccessibleTenantIds.Contains(e.TenantId.Value)));
        builder.Entity<LicenceSpending>().HasQueryFilter(
            s => AccessUnrestricted || (s.TenantId != null && AccessibleTenantIds.Contains(s.TenantId.Value)));

        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && t.BaseType is null))
        {
            builder.Entity(entityType.ClrType).HasQueryFilter(TenantFilterFor(entityType.ClrType));
        }
    }

    /// <summary>Builds <c>e => AccessUnrestricted || AccessibleTenantIds.Contains(e.TenantId)</c> for one entity type.</summary>
    private LambdaExpression TenantFilterFor(Type entityType)
    {
        var entity = Expression.Parameter(entityType, "e");
        var context = Expression.Constant(this);
        var unrestricted = Expression.Property(context, nameof(AccessUnrestricted));
        var tenantIds = Expression.Property(context, nameof(AccessibleTenantIds));
        var tenantId = Expression.Property(entity, nameof(ITenantOwned.TenantId));
        var contains = Expression.Call(
            typeof(Enumerable), nameof(Enumerable.Contains), [typeof(Guid)], tenantIds, tenantId);
        return Expression.Lambda(Expression.OrElse(unrestricted, contains), entity);
    }
}
