using KumaTip.Application.Common;

namespace KumaTip.Application.Tasks;

/// <summary>Runs the tasks of one kind. Called in a fresh DI scope per task, acting as the system for all tenants.</summary>
public interface ITaskHandler
{
    string Kind { get; }

    Task<TaskOutcome> ExecuteAsync(TaskItem task, CancellationToken ct);
}

/// <summary>How an attempt ended. Transient failures are retried with backoff up to the attempt limit.</summary>
public sealed record TaskOutcome(TaskState State, string? Result, string? Error, bool Transient, bool ErrorRevealsConfiguration = false)
{
    public static TaskOutcome Completed(string? result = null) => new(TaskState.Completed, result, null, false);

    public static TaskOutcome Failed(string reason) => new(TaskState.Failed, null, reason, false);

    public static TaskOutcome Failed(Error error) => new(TaskState.Failed, null, error.Message, false, error.RevealsConfiguration);

    public static TaskOutcome TransientFailure(string reason) => new(TaskState.Failed, null, reason, true);

    public static TaskOutcome TransientFailure(Error error) => new(TaskState.Failed, null, error.Message, true, error.RevealsConfiguration);

    /// <summary>Try again later without counting it as a failure (e.g. another task is fetching the same data).</summary>
    public static TaskOutcome Postpone(string reason) => new(TaskState.Queued, null, reason, true);
}
