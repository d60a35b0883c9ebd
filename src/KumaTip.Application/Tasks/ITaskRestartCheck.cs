using KumaTip.Application.Common;

namespace KumaTip.Application.Tasks;

/// <summary>
/// Asked before a task of its kind is restarted, so a restart its run would refuse (a spent licence share) is refused
/// at once, with the reason, instead of queuing a task bound to fail.
/// </summary>
public interface ITaskRestartCheck
{
    string Kind { get; }

    Task<Result> CheckAsync(TaskItem task, CancellationToken ct);
}
