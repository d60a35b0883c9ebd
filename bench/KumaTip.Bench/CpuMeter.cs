using System.Diagnostics;
using System.Globalization;

namespace KumaTip.Bench;

/// <summary>
/// CPU time spent between two readings by this process (app, simulator and clients), by the PostgreSQL server
/// (postmaster and its backends, from /proc) and by the whole machine, with this process's allocations and GC
/// pauses. On a shared machine wall-clock rates depend on the neighbours; CPU time per request much less; and what
/// the machine spent beyond this process and PostgreSQL says how busy the neighbours were.
/// </summary>
public sealed class CpuMeter(int? postgresPid)
{
    private static readonly double TickMs = 1000.0 / 100; // USER_HZ is 100 on Linux

    public CpuReading Read()
    {
        using var process = Process.GetCurrentProcess();
        return new(
            process.TotalProcessorTime.TotalMilliseconds, PostgresMs(), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration().TotalMilliseconds,
            MachineBusyMs(), Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency);
    }

    /// <summary>CPU time of every process on the machine: the first line of /proc/stat, without idle, iowait and steal.</summary>
    private static double MachineBusyMs()
    {
        if (!File.Exists("/proc/stat"))
        {
            return 0;
        }

        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq: time the hypervisor gave to other machines (steal) is not counted.
        return (fields[..7].Sum() - fields[3] - fields[4]) * TickMs;
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
/// <param name="MachineMs">CPU time of the whole machine.</param>
/// <param name="WallMs">Elapsed time (meaningful as a difference).</param>
public readonly record struct CpuReading(double AppMs, double PostgresMs, double AllocatedBytes, double GcPauseMs, double MachineMs, double WallMs)
{
    /// <summary>Cores kept busy by other processes than this one and PostgreSQL, on average (for a difference of readings).</summary>
    public double OtherCores => WallMs > 0 ? Math.Max(0, MachineMs - AppMs - PostgresMs) / WallMs : 0;

    public static CpuReading operator -(CpuReading after, CpuReading before) => new(
        after.AppMs - before.AppMs, after.PostgresMs - before.PostgresMs, after.AllocatedBytes - before.AllocatedBytes,
        after.GcPauseMs - before.GcPauseMs, after.MachineMs - before.MachineMs, after.WallMs - before.WallMs);

    public CpuReading Per(int count) => new(AppMs / count, PostgresMs / count, AllocatedBytes / count, GcPauseMs / count, MachineMs / count, WallMs / count);
}
