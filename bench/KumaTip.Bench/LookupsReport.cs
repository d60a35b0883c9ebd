using System.Globalization;
using System.Text;

namespace KumaTip.Bench;

/// <summary>The figures of one <c>lookups</c> run, as a markdown section for the console and bench/README.md.</summary>
public sealed record LookupsReport(
    LookupsOptions Options,
    MachineInfo Before,
    MachineInfo After,
    string Database,
    CachedFigures Cached,
    BurstFigures Burst,
    ThroughputFigures Throughput)
{
    public const string SectionName = "lookups";
    public const double CachedRatioTarget = 0.5;
    public const double CachedP99TargetMs = 20;
    /// <summary>Issue 12: no worse than the figure measured before it (84 %; the first product's target was 80 %).</summary>
    public const double ThroughputRatioTarget = 0.84;

    public double ThroughputRatio => Throughput.LookupsPerSecond / Options.IdealLookupsPerSecond;

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("## Threat Lookup (`lookups`): last run");
        text.AppendLine();
        text.AppendLine(Line($"- Date: {After.At:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine(Line($"- Machine: {Before.Cores} cores ({Before.Cpu}), {Before.MemoryGiB:N1} GiB RAM; {Database}; .NET {Environment.Version}"));
        text.AppendLine(Line($"- Load average (1/5/15 min; from the start on it counts this benchmark too): {Before.LoadAverage} at the start; {Cached.LoadAverage} when the cached paths started, {Burst.LoadAverage} at the burst, {Throughput.LoadAverage} at the throughput run; {After.LoadAverage} at the end."));
        var neighbours = Cached.Paths.Prepend(Cached.Trivial).Select(p => p.OtherCores).Append(Throughput.OtherCores).Max();
        text.AppendLine(Line($"- Other processes of the machine kept up to {neighbours:N2} of its {Before.Cores} cores busy during the timed phases ({Cached.Trivial.OtherCores:N2} / {string.Join(" / ", Cached.Paths.Select(p => p.OtherCores.ToString("N2", CultureInfo.InvariantCulture)))} during the cached paths, {Throughput.OtherCores:N2} during the throughput run){(neighbours > 0.25 ? ": rates and latencies are lower bounds; CPU time per request is the steadier figure." : ".")}"));
        text.AppendLine(Line($"- Options: {Options.Clients} clients, {Options.Requests:N0} requests per cached path (at most {Options.MaxSeconds} s), burst of {Options.Burst:N0}, {Options.Distinct:N0} distinct observables, simulator latency {Options.LatencyMs} ms, {Options.TaskWorkers} task workers, {Options.Parallel} parallel upstream requests"));
        text.AppendLine();

        text.AppendLine(Line($"**1. Cached lookups**: {Options.Clients} concurrent clients, up to {Options.Requests:N0} timed requests per path (at most {Options.MaxSeconds} s) after a warm-up, one path after the other; the cache holds `{LookupsBenchmark.CachedUrl}`"));
        text.AppendLine();
        text.AppendLine("| path | requests | requests/s | p50 ms | p99 ms | max ms | ÷ trivial | CPU ms/request: app process, PostgreSQL | target: ratio ≥ 50 %, p99 ≤ 20 ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        text.AppendLine(Row(Cached.Trivial, "(the floor)"));
        foreach (var path in Cached.Paths)
        {
            var ratio = path.RequestsPerSecond / Cached.Trivial.RequestsPerSecond;
            text.AppendLine(Row(path, path.Name == LookupsBenchmark.WholeDetailsPage
                ? "(no target: the panel with the page around it)"
                : Line($"ratio {Verdict(ratio >= CachedRatioTarget)}, p99 {Verdict(path.P99Ms <= CachedP99TargetMs)}")));
        }

        text.AppendLine();
        text.AppendLine(Line($"Upstream requests for the cached URL during the whole phase: {Cached.UpstreamRequests} (the first lookup)."));
        text.AppendLine();

        text.AppendLine(Line($"**2. Burst**: {Burst.Requests:N0} concurrent identical `POST /api/v1/lookups` of one new domain"));
        text.AppendLine();
        text.AppendLine("| figure | value | target |");
        text.AppendLine("|---|---:|---|");
        text.AppendLine(Line($"| upstream requests the simulator received for it | {Burst.UpstreamRequests} | exactly 1: {Verdict(Burst.UpstreamRequests == 1)} |"));
        text.AppendLine(Line($"| tasks created (202, not joined) | {Burst.TasksCreated} | a late second one that spends nothing is acceptable |"));
        text.AppendLine(Line($"| answers that joined a queued or running task (202) | {Burst.Joined:N0} | |"));
        text.AppendLine(Line($"| answers from the cache (200) | {Burst.Cached:N0} | |"));
        text.AppendLine(Line($"| distinct tasks in the answers / completed | {Burst.DistinctTasks} / {Burst.TasksCompleted} | |"));
        text.AppendLine(Line($"| all {Burst.Requests:N0} answered in | {Burst.AnsweredSeconds:N1} s | |"));
        text.AppendLine(Line($"| all tasks finished in | {Burst.DoneSeconds:N1} s | |"));
        text.AppendLine();

        var t = Throughput;
        text.AppendLine(Line($"**3. Throughput**: {t.Lookups:N0} distinct observables (domains, IPv4 addresses, MD5 hashes), simulator latency {Options.LatencyMs} ms, {Options.TaskWorkers} task workers, {Options.Parallel} parallel upstream requests"));
        text.AppendLine();
        text.AppendLine("| figure | value | target |");
        text.AppendLine("|---|---:|---|");
        text.AppendLine(Line($"| lookups/s, first submission to last task finished | {t.LookupsPerSecond:N1} | |"));
        text.AppendLine(Line($"| ideal: {Options.Parallel} × 1000 / {Options.LatencyMs} ms | {Options.IdealLookupsPerSecond:N1} | |"));
        text.AppendLine(Line($"| ratio | {ThroughputRatio:P0} | ≥ {ThroughputRatioTarget:P0}: {Verdict(ThroughputRatio >= ThroughputRatioTarget)} |"));
        text.AppendLine(Line($"| upstream requests sent | {t.UpstreamRequests:N0} | = {t.Lookups:N0}: {Verdict(t.UpstreamRequests == t.Lookups)} |"));
        text.AppendLine(Line($"| observables asked more than once | {t.ValuesAskedMoreThanOnce} | |"));
        text.AppendLine(Line($"| tasks completed / failed | {t.Completed:N0} / {t.Failed:N0} | |"));
        text.AppendLine(Line($"| submission of all {t.Lookups:N0} took | {t.SubmittedSeconds:N1} s | |"));
        text.AppendLine(Line($"| all finished after | {t.Seconds:N1} s | |"));
        text.AppendLine(Line($"| time a worker holds a task (claim to outcome, upstream included), p50 / p99 | {t.TaskP50Ms:N0} ms / {t.TaskP99Ms:N0} ms | |"));
        text.AppendLine(Line($"| share of the workers' time spent holding a task | {t.WorkerBusyShare:P0} | |"));
        text.AppendLine(Line($"| CPU per lookup (submission and task): app process, PostgreSQL | {t.CpuPerLookup.AppMs:N1} ms, {t.CpuPerLookup.PostgresMs:N1} ms | |"));
        var cpuPerLookup = t.CpuPerLookup.AppMs + t.CpuPerLookup.PostgresMs;
        text.AppendLine(Line($"| CPU ceiling with the cores other processes left: ({Before.Cores} − {t.OtherCores:N2}) × 1000 / {cpuPerLookup:N1} ms | {(Before.Cores - t.OtherCores) * 1000 / cpuPerLookup:N1} lookups/s | |"));
        text.AppendLine(Line($"| CPU ceiling on the whole machine, idle otherwise: {Before.Cores} × 1000 / {cpuPerLookup:N1} ms | {Before.Cores * 1000 / cpuPerLookup:N1} lookups/s ({Before.Cores * 1000 / cpuPerLookup / Options.IdealLookupsPerSecond:P0} of the ideal) | |"));
        text.AppendLine(Line($"| peak working set during this phase (sampled every 100 ms) | {MiB(t.SampledPeakWorkingSet)} | |"));
        text.AppendLine(Line($"| `Process.PeakWorkingSet64`, whole run | {MiB(t.ProcessPeakWorkingSet)} | |"));
        return text.ToString();
    }

    private string Row(LoadSample s, string verdict) =>
        Line($"| {s.Name} | {s.Requests:N0} | {s.RequestsPerSecond:N0} | {s.P50Ms:N1} | {s.P99Ms:N1} | {s.MaxMs:N1} | {s.RequestsPerSecond / Cached.Trivial.RequestsPerSecond:P0} | {s.CpuPerRequest.AppMs:N2}, {s.CpuPerRequest.PostgresMs:N2} | {verdict} |");

    private static string MiB(long bytes) => Line($"{bytes / 1048576.0:N0} MiB");

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
