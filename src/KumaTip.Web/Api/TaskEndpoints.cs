using KumaTip.Application.Common;
using KumaTip.Application.Tasks;

namespace KumaTip.Web.Api;

public sealed record TaskDto(
    Guid Id,
    string Kind,
    string Title,
    TaskState State,
    Guid TenantId,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    string? Error,
    Guid? RestartedFromId)
{
    public static TaskDto From(TaskItem t) => new(
        t.Id, t.Kind, t.Title, t.State, t.TenantId, t.CreatedByName, t.CreatedAt, t.UpdatedAt, t.StartedAt, t.FinishedAt, t.Attempts, t.Error, t.RestartedFromId);
}

/// <summary>/api/v1/tasks: the task manager for programs.</summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", async (bool? mine, TaskState? status, Guid? tenant, int? limit, TaskQueries queries, CancellationToken ct) =>
                Results.Ok((await queries.ListAsync(new TaskFilter(mine ?? true, status, tenant, limit ?? 100), ct)).Select(TaskDto.From)))
            .WithSummary("Tasks of the selected tenants, newest first; mine=true (default) shows only the caller's.");

        api.MapGet("/tasks/{id:guid}", async (Guid id, int? waitSeconds, TaskQueries queries, CancellationToken ct) =>
            {
                if (waitSeconds is < 0 or > TaskQueries.MaxWaitSeconds)
                {
                    return ApiProblems.From(Error.Invalid("waitSeconds", $"waitSeconds must be between 0 and {TaskQueries.MaxWaitSeconds}."));
                }

                var task = waitSeconds is > 0
                    ? await queries.WaitAsync(id, TimeSpan.FromSeconds(waitSeconds.Value), ct)
                    : await queries.FindAsync(id, ct);
                return task is null ? ApiProblems.From(Error.NotFound("Task")) : Results.Ok(TaskDto.From(task));
            })
            .WithSummary("One task; with waitSeconds (at most 60) the answer comes when the task finishes or the time is up.");

        api.MapPost("/tasks/{id:guid}/restart", async (Guid id, TaskQueue queue, CancellationToken ct) =>
            (await queue.RestartAsync(id, ct)).ToResult(t => Results.Accepted($"/api/v1/tasks/{t.Id}", TaskDto.From(t))));

        api.MapPost("/tasks/{id:guid}/cancel", async (Guid id, TaskQueue queue, CancellationToken ct) =>
            (await queue.CancelAsync(id, ct)).ToResult(t => Results.Ok(TaskDto.From(t))));
        return api;
    }
}
