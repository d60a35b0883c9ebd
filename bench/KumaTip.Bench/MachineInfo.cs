using System.Globalization;
using System.Runtime.InteropServices;

namespace KumaTip.Bench;

/// <summary>What the figures came from: cores, memory, CPU model, load average (the machine may be shared).</summary>
public sealed record MachineInfo(int Cores, double MemoryGiB, string Cpu, string LoadAverage, DateTimeOffset At)
{
    public static MachineInfo Read() => new(
        Environment.ProcessorCount,
        ReadMemoryGiB(),
        FirstLine("/proc/cpuinfo", "model name")?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        KumaTip.Bench.LoadAverage.Read(),
        DateTimeOffset.UtcNow);

    private static double ReadMemoryGiB()
    {
        var line = FirstLine("/proc/meminfo", "MemTotal");
        var kib = line is null ? 0 : long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kib / 1024.0 / 1024.0;
    }

    private static string? FirstLine(string file, string prefix) =>
        File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) : null;
}

public static class LoadAverage
{
    /// <summary>The 1, 5 and 15 minute load averages.</summary>
    public static string Read() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
