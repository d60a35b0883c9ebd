using System.Diagnostics.Metrics;
using KumaTip.Application.Persistence;
using KumaTip.Application.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Tasks;

/// <summary>
/// The queue as gauges, over every tenant and instance: <c>kumatip_tasks_queued</c>, the tasks waiting, and
/// <c>kumatip_tasks_oldest_queued_age_seconds</c>, how long the oldest of them has waited since it was requested
/// (0 when none waits). Read from the database at most once per interval, never once per scrape.
/// </summary>
public sealed class TaskQueueMetrics
{
    private readonly DatabaseReading<QueueReading> _reading;
    private readonly TimeProvider _time;

    public TaskQueueMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<TaskQueueMetrics> logger)
    {
        _time = time;
        _reading = new DatabaseReading<QueueReading>("task queue", ReadAsync, scopes, options, time, logger);
        var meter = meters.Create(KumaTipTelemetry.Name);
        meter.CreateObservableGauge(
            "kumatip_tasks_queued",
            () => _reading.Current() is { } queue ? [new Measurement<long>(queue.Queued)] : Array.Empty<Measurement<long>>(),
            description: "Tasks waiting in the queue, all tenants.");
        meter.CreateObservableGauge(
            "kumatip_tasks_oldest_queued_age_seconds",
            () => _reading.Current() is { } queue ? [new Measurement<double>(OldestAge(queue).TotalSeconds)] : Array.Empty<Measurement<double>>(),
            unit: "s",
            description: "How long the oldest queued task has waited since it was requested; 0 when none waits.");
    }

    private TimeSpan OldestAge(QueueReading queue) =>
        queue.OldestCreatedAt is { } oldest && _time.GetUtcNow() > oldest ? _time.GetUtcNow() - oldest : TimeSpan.Zero;

    private static async Task<QueueReading> ReadAsync(IServiceProvider services, CancellationToken ct)
    {
        var queued = services.GetRequiredService<AppDbContext>().Tasks.IgnoreQueryFilters().AsNoTracking().Where(t => t.State == TaskState.Queued);
        var count = await queued.CountAsync(ct);
        var oldest = count == 0 ? null : await queued.OrderBy(t => t.CreatedAt).Select(t => (DateTimeOffset?)t.CreatedAt).FirstOrDefaultAsync(ct);
        return new QueueReading(count, oldest);
    }

    private sealed record QueueReading(int Queued, DateTimeOffset? OldestCreatedAt);
}
