using System.Diagnostics;
using System.Globalization;

namespace KumaTip.Bench;

/// <summary>
/// CPU time spent between two readings by this process (app, simulator and clients) and by the PostgreSQL server
/// (postmaster and its backends, from /proc), with this process's allocations and GC pauses. On a shared machine wall-clock rates depend on the neighbours; CPU
/// time per request depends much less on them.
/// </summary>
public sealed class CpuMeter(int? postgresPid)
{
    private static readonly double TickMs = 1000.0 / 100; // USER_HZ is 100 on Linux

    public CpuReading Read()
    {
        using var process = Process.GetCurrentProcess();
        return new(process.TotalProcessorTime.TotalMilliseconds, PostgresMs(), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration().TotalMilliseconds);
    }

    private double PostgresMs()
    {
        if (postgresPid is not { } root || !Directory.Exists("/proc"))
        {
            return 0;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _))
            {
                continue;
            }

            try
            {
                // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15).
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var pid = int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture);
                var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
                if (pid == root || parent == root)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return ticks * TickMs;
    }
}

/// <param name="AllocatedBytes">Managed memory allocated by this process.</param>
/// <param name="GcPauseMs">Time this process's threads stood still for garbage collections.</param>
public readonly record struct CpuReading(double AppMs, double PostgresMs, double AllocatedBytes, double GcPauseMs)
{
    public static CpuReading operator -(CpuReading after, CpuReading before) =>
        new(after.AppMs - before.AppMs, after.PostgresMs - before.PostgresMs, after.AllocatedBytes - before.AllocatedBytes, after.GcPauseMs - before.GcPauseMs);

    public CpuReading Per(int count) => new(AppMs / count, PostgresMs / count, AllocatedBytes / count, GcPauseMs / count);
}
