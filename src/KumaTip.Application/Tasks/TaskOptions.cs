using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.Tasks;

/// <summary>The <c>Tasks</c> section.</summary>
public sealed class TaskOptions
{
    public const string Section = "Tasks";

    /// <summary>Parallel workers in this instance (0 = this instance only serves the UI and API).</summary>
    [Range(0, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How long a claimed task stays reserved without a heartbeat before the reaper returns it to the queue.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The safety-net poll when no wake-up signal arrives.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubled per attempt, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
}
