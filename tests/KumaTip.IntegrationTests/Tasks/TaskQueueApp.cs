using System.Collections.Concurrent;
using System.Text.Json;
using KumaTip.Application.Common;
using KumaTip.Application.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Tasks;

/// <summary>The app with a test task kind whose behaviour each test chooses through the task's parameters.</summary>
public class TaskQueueApp<TDb> : KumaTipApp<TDb>
    where TDb : IDatabaseKind
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        new("Tasks:WorkerCount", "3"),
        new("Tasks:LeaseDuration", "00:00:03"),
        new("Tasks:PollInterval", "00:00:00.200"),
        new("Tasks:MaxAttempts", "3"),
        new("Tasks:RetryBaseDelay", "00:00:00.100"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddScoped<ITaskHandler, ScriptedTaskHandler>();
        services.AddScoped<ITaskHeldLease, FailingHeartbeats>();
    }
}

/// <summary>An instance that serves pages and the API only (no task workers), like a web-only node of a deployment.</summary>
public sealed class WebOnlyTaskQueueApp<TDb> : TaskQueueApp<TDb>
    where TDb : IDatabaseKind
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        [.. base.ExtraSettings().Where(s => s.Key != "Tasks:WorkerCount"), new("Tasks:WorkerCount", "0")];
}

/// <summary>Makes the heartbeats of chosen tasks fail, as a database that is briefly unreachable would.</summary>
public sealed class FailingHeartbeats : ITaskHeldLease
{
    private static readonly ConcurrentDictionary<Guid, int> FailuresLeft = new();

    public static void Fail(Guid taskId, int times) => FailuresLeft[taskId] = times;

    public Task RenewAsync(Guid taskId, DateTimeOffset until, CancellationToken ct) =>
        FailuresLeft.TryGetValue(taskId, out var left) && left > 0 && FailuresLeft.TryUpdate(taskId, left - 1, left)
            ? throw new TimeoutException("Simulated: the database did not answer the heartbeat.")
            : Task.CompletedTask;
}

/// <summary>
/// Parameters: {"id": "...", "script": ["transient", "transient", "complete"]} — one step per attempt;
/// "block" waits until cancelled, "slow" completes after twice the lease duration, "pause" completes after a second, "reveal" fails with an error that
/// names the connection's certificate. Executions are counted per id.
/// </summary>
public sealed class ScriptedTaskHandler : ITaskHandler
{
    public const string TestKind = "Test";

    public const string RevealingError = "The TIP server refused the client certificate (CN=KumaTip Customer 42, issued by CN=Kaspersky Test CA).";

    public static readonly ConcurrentDictionary<string, int> Executions = new();

    public string Kind => TestKind;

    public async Task<TaskOutcome> ExecuteAsync(TaskItem task, CancellationToken ct)
    {
        var parameters = JsonSerializer.Deserialize<Script>(task.Parameters)!;
        var attempt = Executions.AddOrUpdate(parameters.Id, 1, (_, n) => n + 1);
        var step = parameters.Steps[Math.Min(attempt, parameters.Steps.Length) - 1];
        switch (step)
        {
            case "complete":
                return TaskOutcome.Completed($"{{\"attempt\":{attempt}}}");
            case "transient":
                return TaskOutcome.TransientFailure("the service answered 503.");
            case "fail":
                return TaskOutcome.Failed("the service answered 401: wrong user or password.");
            case "block":
                await Task.Delay(Timeout.Infinite, ct);
                return TaskOutcome.Completed();
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(6), ct);
                return TaskOutcome.Completed();
            case "pause":
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                return TaskOutcome.Completed();
            case "reveal":
                return TaskOutcome.Failed(new Error("tip_client_certificate_refused", RevealingError, ErrorKind.Unavailable) { RevealsConfiguration = true });
            default:
                throw new InvalidOperationException(step);
        }
    }

    public static string Parameters(string id, params string[] steps) => JsonSerializer.Serialize(new Script(id, steps));

    public sealed record Script(string Id, string[] Steps);
}
