namespace KumaTip.Application.Persistence;

/// <summary>This process among the instances sharing one database: names task leases and its own notifications.</summary>
public sealed class AppInstance
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
}
