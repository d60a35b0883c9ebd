using KumaTip.Application.Common;
using KumaTip.Application.Observables;
using KumaTip.Application.Tasks;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>
/// Show result: a completed Threat Lookup task, what it fetched (<see cref="Fetched"/>; null when it recorded nothing)
/// and its observable as the cache holds it now, which may be newer than what the task brought.
/// </summary>
public sealed record LookupTaskResult(TaskItem Task, ThreatLookupTaskResult? Fetched, ObservableDetails Details)
{
    /// <summary>When this task's data was current: when it obtained it, or when it found the cache holding it.</summary>
    public DateTimeOffset? AsOf => Fetched?.ObtainedAt ?? Task.FinishedAt;

    /// <summary>Something was stored for this observable after the task (another lookup, Refresh data): the panel shows that.</summary>
    public bool NewerInCache => Details.UpdatedAt > AsOf;

    /// <summary>When each data group the task fetched is from in the cache now (null: no longer held).</summary>
    public DateTimeOffset? InCacheNow(string group) => Details.Sections.FirstOrDefault(s => s.Name == group)?.ObtainedAt;
}

/// <summary>Reads <see cref="LookupTaskResult"/>s for the Show result page and <c>GET /api/v1/tasks/{id}/result</c>.</summary>
public sealed class LookupTaskResults(TaskQueries tasks, ObservableDetailsReader reader)
{
    public const string NoResultCode = "no_result";

    public async Task<Result<LookupTaskResult>> FindAsync(Guid taskId, CancellationToken ct)
    {
        var task = await tasks.FindAsync(taskId, ct);
        if (task is null)
        {
            return Error.NotFound("Task");
        }

        if (task.State != TaskState.Completed || task.Kind != ThreatLookupTaskParameters.Kind)
        {
            return new Error(NoResultCode, $"The task is {task.State}; only a completed Threat Lookup task has a result.", ErrorKind.Conflict);
        }

        var observable = Observable.ParseKey(ThreatLookupTaskParameters.FromJson(task.Parameters).Key);
        if (observable.Error is { } invalid)
        {
            return invalid;
        }

        var details = await reader.FindAsync(observable.Value!, ct);
        return details.Error is { } error ? error : new LookupTaskResult(task, ThreatLookupTaskResult.FromJson(task.Result), details.Value!);
    }
}
