using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;

namespace KumaTip.Application.Tasks;

public enum TaskState
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}

/// <summary>
/// One row of the durable queue: the task table is the queue, so tasks survive restarts and several
/// app instances share the work. A task belongs to the tenant it was requested for.
/// </summary>
public sealed class TaskItem : ITenantOwned
{
    public const int MaxTitleLength = 512;

    public Guid Id { get; set; }

    /// <summary>Which <see cref="ITaskHandler"/> runs it, e.g. <c>ThreatLookup</c>.</summary>
    public required string Kind { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>What the task manager shows in its Task column.</summary>
    public required string Title { get; set; }

    /// <summary>The handler's input as JSON; never a secret.</summary>
    public required string Parameters { get; set; }

    /// <summary>Requests with the same key while this task is queued or running join it instead of queuing another.</summary>
    public string? DeduplicationKey { get; set; }

    public TaskState State { get; set; }

    public Guid? CreatedById { get; set; }

    public required string CreatedByName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Not claimed before this time (backoff between attempts).</summary>
    public DateTimeOffset AvailableAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public int Attempts { get; set; }

    public int MaxAttempts { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }

    public bool CancelRequested { get; set; }

    /// <summary>A readable reason for a failure (or for the last transient one, while retrying).</summary>
    public string? Error { get; set; }

    /// <summary>The <see cref="Error"/> names the connection's certificate, proxy or secret (<see cref="Common.Error.RevealsConfiguration"/>).</summary>
    public bool ErrorRevealsConfiguration { get; set; }

    /// <summary>The handler's small JSON result (e.g. which cache entry holds the data).</summary>
    public string? Result { get; set; }

    public Guid? RestartedFromId { get; set; }

    /// <summary>The W3C <c>traceparent</c> of the request that queued it, so its execution joins that trace; null when nobody traced.</summary>
    public string? TraceParent { get; set; }

    public bool IsFinished => State is TaskState.Completed or TaskState.Failed or TaskState.Cancelled;

    /// <summary>What a reader who is not an administrator sees instead of an error that reveals the configuration.</summary>
    public const string HiddenErrorText =
        "Kaspersky TIP could not be used with the configured account, certificate or proxy server. An administrator sees the details in the task manager.";

    /// <summary>Only administrators read an error that names the connection's certificate, proxy or secret.</summary>
    public bool HidesErrorFrom(CurrentUser reader) => ErrorRevealsConfiguration && !reader.IsAdministrator;

    public string? ErrorFor(CurrentUser reader) => HidesErrorFrom(reader) ? HiddenErrorText : Error;

    /// <summary>
    /// Its creator or an administrator. A Tenant administrator finds only the tasks of his tenants (the tenant filter),
    /// so this is "an administrator of the task's tenant".
    /// </summary>
    public bool MayBeCancelledOrRestartedBy(CurrentUser user) => user.IsAdministrator || (user.Id is { } id && id == CreatedById);

    /// <summary>A task about to be queued, claimed for an idle worker of this instance as its claim would leave it (<see cref="TaskHandoff"/>).</summary>
    public void ClaimedAtQueuing(string owner, DateTimeOffset now, TimeSpan lease)
    {
        (State, LeaseOwner, LeaseExpiresAt, Attempts, StartedAt) = (TaskState.Running, owner, now + lease, 1, now);
    }

    /// <summary>A copy of the row's values, for a worker to run while the request that queued it keeps its own.</summary>
    public TaskItem Copy() => (TaskItem)MemberwiseClone();
}
