using System.Diagnostics;
using System.Globalization;

using KumaTip.IntegrationTests.Infrastructure;

namespace KumaTip.Bench;

/// <summary>
/// CPU time spent between two readings by this process (app, simulator and clients), by the PostgreSQL server
/// (postmaster and its backends, from /proc) and by the whole machine, with this process's allocations and GC
/// pauses. On a shared machine wall-clock rates depend on the neighbours; CPU time per request much less; and what
/// the machine spent beyond this process and PostgreSQL says how busy the neighbours were.
/// </summary>
public sealed class CpuMeter(ThrowawayPostgres? postgres)
{
    private static readonly double TickMs = 1000.0 / 100; // USER_HZ is 100 on Linux

    public CpuReading Read()
    {
        using var process = Process.GetCurrentProcess();
        return new(
            process.TotalProcessorTime.TotalMilliseconds, postgres is null ? 0 : PostgresCpuTime(postgres).TotalMilliseconds, GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration().TotalMilliseconds,
            MachineBusyMs(), Stopwatch.GetTimestamp() * 1000.0 / Stopwatch.Frequency);
    }

    /// <summary>
    /// CPU time used so far by the cluster: the postmaster and its live processes, plus the processes it has reaped.
    /// Throughput on a shared machine depends on what else runs; CPU per event does much less.
    /// </summary>
    public static TimeSpan PostgresCpuTime(ThrowawayPostgres postgres)
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || ProcStat(pid) is not { } stat)
            {
                continue;
            }

            // Fields after the command name: state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1.
            if (pid == postgres.ServerProcessId)
            {
                ticks += stat[11] + stat[12] + stat[13] + stat[14];
            }
            else if (stat[1] == postgres.ServerProcessId)
            {
                ticks += stat[11] + stat[12];
            }
        }

        return TimeSpan.FromMilliseconds(ticks * TickMs);
    }

    private static long[]? ProcStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Take(15).Select(f => long.TryParse(f, out var n) ? n : 0).ToArray();
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
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
