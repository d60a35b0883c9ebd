using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Tasks;
using KumaTip.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

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
    /// <summary>The task as <paramref name="reader"/> may see it: an error naming the connection's set-up only for administrators.</summary>
    public static TaskDto From(TaskItem t, CurrentUser reader) => new(
        t.Id, t.Kind, t.Title, t.State, t.TenantId, t.CreatedByName, t.CreatedAt, t.UpdatedAt, t.StartedAt, t.FinishedAt, t.Attempts, t.ErrorFor(reader), t.RestartedFromId);
}

/// <summary>The counter beside "Task manager": the caller's tasks finished since he last looked at the task manager.</summary>
public sealed record UnseenTasksDto(int Count);

/// <summary>/api/v1/tasks: the task manager for programs.</summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/tasks", async (bool? mine, TaskState? status, Guid? tenant, int? limit, TaskQueries queries, CurrentUser user, CancellationToken ct) =>
                TypedResults.Ok((await queries.ListAsync(new TaskFilter(mine ?? true, status, tenant, limit ?? 100), ct)).Select(t => TaskDto.From(t, user))))
            .WithSummary("Tasks of the selected tenants, newest first; mine=true (default) shows only the caller's.");

        api.MapGet("/tasks/unseen", async (UnseenTasks unseen, CancellationToken ct) => TypedResults.Ok(new UnseenTasksDto(await unseen.CountAsync(ct))))
            .WithSummary("How many of the caller's tasks finished since he last looked at the task manager (the counter beside it).");

        api.MapGet("/tasks/{id:guid}", async Task<Results<Ok<TaskDto>, ProblemHttpResult>> (
                Guid id, int? waitSeconds, TaskQueries queries, CurrentUser user, CancellationToken ct) =>
            {
                if (!TaskQueries.IsValidWait(waitSeconds))
                {
                    return TaskQueries.InvalidWait.Problem();
                }

                var task = waitSeconds is > 0
                    ? await queries.WaitAsync(id, TimeSpan.FromSeconds(waitSeconds.Value), ct)
                    : await queries.FindAsync(id, ct);
                return task is null ? Error.NotFound("Task").Problem() : TypedResults.Ok(TaskDto.From(task, user));
            })
            .WithSummary("One task; with waitSeconds (at most 60) the answer comes when the task finishes or the time is up.");

        api.MapPost("/tasks/{id:guid}/restart", async Task<Results<Accepted<TaskDto>, ProblemHttpResult>> (
                Guid id, TaskQueue queue, CurrentUser user, ServiceErrorTranslator errors, HttpResponse response, CancellationToken ct) =>
            {
                var restarted = await queue.RestartAsync(id, ct);
                return restarted.Value is { } task
                    ? TypedResults.Accepted($"/api/v1/tasks/{task.Id}", TaskDto.From(task, user))
                    : LookupEndpoints.Refused(restarted.Error!, errors, response);
            })
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Its creator or an administrator only (403 not_task_creator for anyone else).");

        api.MapPost("/tasks/{id:guid}/cancel", async (Guid id, TaskQueue queue, CurrentUser user, CancellationToken ct) =>
                (await queue.CancelAsync(id, ct)).ToOk(t => TaskDto.From(t, user)))
            .WithSummary("Its creator or an administrator only (403 not_task_creator for anyone else).");
        return api;
    }
}
