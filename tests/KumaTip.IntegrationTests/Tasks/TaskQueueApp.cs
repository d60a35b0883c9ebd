using System.Collections.Concurrent;
using System.Text.Json;
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

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddScoped<ITaskHandler, ScriptedTaskHandler>();
}

/// <summary>
/// Parameters: {"id": "...", "script": ["transient", "transient", "complete"]} — one step per attempt;
/// "block" waits until cancelled. Executions are counted per id.
/// </summary>
public sealed class ScriptedTaskHandler : ITaskHandler
{
    public const string TestKind = "Test";

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
            default:
                throw new InvalidOperationException(step);
        }
    }

    public static string Parameters(string id, params string[] steps) => JsonSerializer.Serialize(new Script(id, steps));

    public sealed record Script(string Id, string[] Steps);
}
