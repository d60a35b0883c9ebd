using KumaTip.Application.Identity;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace KumaTip.Application.Caching;

/// <summary>What an in-memory copy depends on; a saved change to any of its tables invalidates every copy of it.</summary>
public enum ChangeTopic
{
    /// <summary>Users, roles, tenants, a user's tenants and tokens: who may do what.</summary>
    Access,

    /// <summary>Settings → Kaspersky Threat Lookup.</summary>
    ThreatLookupSettings,

    /// <summary>The per-observable cache of Threat Lookup answers.</summary>
    ObservableCache,

    /// <summary>How the licence is shared out: tenants' shares and the users' daily budget.</summary>
    LicenceAllocation,

    /// <summary>
    /// What the licence period has spent: the licence counter and the shares' and pool's counters, which move by UPDATE
    /// statements only; <see cref="ThreatLookup.Governance.LicenceGovernance"/> publishes it after each draw.
    /// </summary>
    LicenceCounters,

    /// <summary>
    /// Tasks queued, finished, cancelled or restarted, and users' visits to the task manager: raised with every task
    /// change <see cref="Tasks.TaskSignal"/> hears of, here or in another instance.
    /// </summary>
    Tasks,

    /// <summary>Secrets and proxy servers: what the TIP connection is made of.</summary>
    Credentials,
}

public static class ChangeTopics
{
    public static readonly IReadOnlyList<ChangeTopic> All = Enum.GetValues<ChangeTopic>();

    /// <summary>The topic a table's entity belongs to, or null when no in-memory copy depends on it.</summary>
    public static ChangeTopic? Of(Type entity) => entity switch
    {
        _ when entity == typeof(AppUser) || entity == typeof(AppRole) || entity == typeof(IdentityUserRole<Guid>)
               || entity == typeof(UserTenant) || entity == typeof(Tenant) || entity.IsSubclassOf(typeof(IssuedToken)) => ChangeTopic.Access,
        _ when entity == typeof(ThreatLookupSettings) => ChangeTopic.ThreatLookupSettings,
        _ when entity == typeof(ObservableCacheEntry) || entity == typeof(CachedSection) || entity == typeof(ObservableAlias) => ChangeTopic.ObservableCache,
        _ when entity == typeof(LicenceAllocation) || entity == typeof(TenantLicenceShare) => ChangeTopic.LicenceAllocation,
        _ when entity == typeof(Secret) || entity == typeof(ProxyServer) => ChangeTopic.Credentials,
        _ => null,
    };

    /// <summary>
    /// The topic a pending change belongs to. A new, still empty cache entry (a fetch about to start) changes no
    /// answer anyone can read, so it costs no notification.
    /// </summary>
    public static ChangeTopic? Of(EntityEntry entry) =>
        entry is { State: EntityState.Added, Entity: ObservableCacheEntry { UpdatedAt: null } } ? null : Of(entry.Metadata.ClrType);

    public static bool TryParse(string? text, out ChangeTopic topic) =>
        Enum.TryParse(text, ignoreCase: false, out topic) && Enum.IsDefined(topic);
}
