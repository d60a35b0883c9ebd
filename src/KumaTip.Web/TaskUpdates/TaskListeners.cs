using System.Collections.Concurrent;
using KumaTip.Application.Caching;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Web.TaskUpdates;

/// <summary>
/// The connections of <see cref="TaskHub"/> and the tenant groups each belongs to: a General administrator's joins
/// the group of all tenants, anyone else's the groups of his tenants. When who may see what changes (a tenant taken
/// from a user, an account disabled, a role changed: any change of <see cref="ChangeTopic.Access"/>, in any instance),
/// <see cref="RecheckAsync"/> regroups the connections before the next push, and closes those of accounts that may no
/// longer sign in.
/// </summary>
public sealed class TaskListeners(IServiceScopeFactory scopes, ChangeGenerations generations, IHubContext<TaskHub> hub)
{
    public const string AllTenantsGroup = "tenants:all";

    private readonly ConcurrentDictionary<string, Listener> _listeners = new();

    public static string TenantGroup(Guid tenantId) => "tenant:" + tenantId;

    public bool Any => !_listeners.IsEmpty;

    /// <summary>False when the connection's account may not listen (disabled, gone): it is to be closed.</summary>
    public async Task<bool> AddAsync(HubCallerContext connection, CancellationToken ct)
    {
        if (!Guid.TryParse(connection.UserIdentifier, out var userId))
        {
            return false;
        }

        // Registered before its groups are read: a change of access meanwhile leaves it to be rechecked.
        var listener = _listeners.GetOrAdd(connection.ConnectionId, _ => new Listener(connection, userId));
        if (await GroupAsync(listener, ct))
        {
            return true;
        }

        Remove(connection.ConnectionId);
        return false;
    }

    public void Remove(string connectionId) => _listeners.TryRemove(connectionId, out _);

    public async Task RecheckAsync(CancellationToken ct)
    {
        var current = generations.Current(ChangeTopic.Access);
        foreach (var listener in _listeners.Values.Where(l => l.Generation != current))
        {
            if (!await GroupAsync(listener, ct))
            {
                Remove(listener.Connection.ConnectionId);
                listener.Connection.Abort();
            }
        }
    }

    private async Task<bool> GroupAsync(Listener listener, CancellationToken ct)
    {
        await listener.Gate.WaitAsync(ct);
        try
        {
            var generation = generations.Current(ChangeTopic.Access);
            if (await GroupsOfAsync(listener.UserId, ct) is not { } groups)
            {
                return false;
            }

            var id = listener.Connection.ConnectionId;
            foreach (var left in listener.Groups.Except(groups))
            {
                await hub.Groups.RemoveFromGroupAsync(id, left, ct);
            }

            foreach (var joined in groups.Except(listener.Groups))
            {
                await hub.Groups.AddToGroupAsync(id, joined, ct);
            }

            listener.Groups = groups;
            listener.Generation = generation;
            return true;
        }
        finally
        {
            listener.Gate.Release();
        }
    }

    /// <summary>The user's groups as the database says now (not as his sign-in cookie said); null for an account disabled or gone.</summary>
    private async Task<IReadOnlySet<string>?> GroupsOfAsync(Guid userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var standing = await scope.ServiceProvider.GetRequiredService<UserStandings>().GetAsync(userId, ct);
        if (standing is null || standing.IsDisabled)
        {
            return null;
        }

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var generalAdministrator = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).AnyAsync(name => name == Roles.GeneralAdministrator, ct);
        return generalAdministrator ? new HashSet<string> { AllTenantsGroup } : standing.TenantIds.Select(TenantGroup).ToHashSet();
    }

    private sealed class Listener(HubCallerContext connection, Guid userId)
    {
        public HubCallerContext Connection { get; } = connection;

        public Guid UserId { get; } = userId;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IReadOnlySet<string> Groups { get; set; } = new HashSet<string>();

        /// <summary>The <see cref="ChangeTopic.Access"/> generation its groups were read under; -1 until they are.</summary>
        public long Generation { get; set; } = -1;
    }
}
