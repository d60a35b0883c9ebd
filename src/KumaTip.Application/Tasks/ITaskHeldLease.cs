namespace KumaTip.Application.Tasks;

/// <summary>
/// A lease a running task holds besides its own, such as the right to fetch an observable. The task's heartbeat renews
/// it to the same expiry as the task's lease, so it lasts exactly as long as the task runs and lapses when its
/// worker dies.
/// </summary>
public interface ITaskHeldLease
{
    Task RenewAsync(Guid taskId, DateTimeOffset until, CancellationToken ct);
}
