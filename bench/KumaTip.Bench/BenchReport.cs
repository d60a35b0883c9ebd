using System.Globalization;
using System.Text;

namespace KumaTip.Bench;

public sealed record BenchReport(
    BenchOptions Options,
    MachineInfo Before,
    MachineInfo After,
    string PostgresVersion,
    long TotalEvents,
    long ObservableRows,
    IngestionCost Api,
    IngestionCost Copy,
    string LoadDuringIngestion,
    IReadOnlyList<LatencySample> Latencies)
{
    public const double IngestionTarget = 20_000;
    public const double LatencyTargetMs = 100;

    /// <summary>A retention run over the filled database, measured last.</summary>
    public RetentionFigures? Retention { get; init; }

    public double Ratio => Api.EventsPerSecond / Copy.EventsPerSecond;

    public double CpuRatio => Copy.CpuMs / Api.CpuMs;

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(Line($"Ingestion of {Options.IngestEvents:N0} events, batches of {Options.BatchSize:N0}, {Options.Senders} concurrent senders"));
        text.AppendLine(Line($"| path | events/s | target |"));
        text.AppendLine("|---|---:|---|");
        text.AppendLine(Line($"| POST /api/v1/events (ingestion token) | {Api.EventsPerSecond:N0} | ≥ {IngestionTarget:N0}: {Verdict(Api.EventsPerSecond >= IngestionTarget)} |"));
        text.AppendLine(Line($"| raw binary COPY of the same rows | {Copy.EventsPerSecond:N0} | |"));
        text.AppendLine(Line($"| API ÷ raw COPY | {Ratio:P0} | ≥ 50 %: {Verdict(Ratio >= 0.5)} |"));
        text.AppendLine();
        text.AppendLine(Line($"CPU per 1,000 events (this process: application and senders; PostgreSQL: its server processes), and the rate {Before.Cores} cores allow when nothing else runs"));
        text.AppendLine("| path | app ms | PostgreSQL ms | total ms | events/s the cores allow |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        text.AppendLine(Line($"| POST /api/v1/events | {Api.AppCpuMs:N0} | {Api.PostgresCpuMs:N0} | {Api.CpuMs:N0} | {Api.CpuBoundRate(Before.Cores):N0} |"));
        text.AppendLine(Line($"| raw binary COPY | {Copy.AppCpuMs:N0} | {Copy.PostgresCpuMs:N0} | {Copy.CpuMs:N0} | {Copy.CpuBoundRate(Before.Cores):N0} |"));
        text.AppendLine(Line($"| raw COPY's CPU ÷ the API's | | | {CpuRatio:P0} | |"));
        text.AppendLine();
        text.AppendLine(Line($"Latency with {TotalEvents:N0} events ({ObservableRows:N0} observable rows), sequential requests, 50 per page"));
        text.AppendLine("| request | n | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var l in Latencies)
        {
            text.AppendLine(Line($"| {l.Name} | {l.Requests} | {l.P50Ms:N1} | {l.P99Ms:N1} | {l.MaxMs:N1} |"));
        }

        if (Retention is { } r)
        {
            text.AppendLine();
            text.AppendLine(Line($"Retention run after every tenant's retention was cut to {r.RetentionDays} days, while the API kept ingesting ({Options.Senders} senders)"));
            text.AppendLine("| step | figure |");
            text.AppendLine("|---|---:|");
            foreach (var dropped in r.Report.PartitionsDropped.Where(d => r.RowsBefore.ContainsKey(d.Name)))
            {
                text.AppendLine(Line($"| partition {dropped.Name} ({r.RowsBefore[dropped.Name]:N0} rows) detached (CONCURRENTLY) and dropped | {dropped.Took.TotalMilliseconds:N0} ms |"));
            }

            var empty = r.Report.PartitionsDropped.Where(d => !r.RowsBefore.ContainsKey(d.Name)).Select(d => d.Took.TotalMilliseconds).Order().ToList();
            if (empty.Count > 0)
            {
                text.AppendLine(Line($"| {empty.Count} empty partitions (days before the data) detached and dropped, median | {empty[empty.Count / 2]:N0} ms |"));
            }

            text.AppendLine(Line($"| events deleted in batches (the part of a day left) | {r.Report.EventsDeleted:N0} (+ {r.Report.ObservableRowsDeleted:N0} observable rows) |"));
            text.AppendLine(Line($"| whole run | {r.Took.TotalSeconds:N1} s |"));
            text.AppendLine(Line($"| API ingestion alone, just before | {r.Alone.EventsPerSecond:N0} events/s |"));
            text.AppendLine(Line($"| API ingestion during the run | {r.During.EventsPerSecond:N0} events/s ({r.During.EventsPerSecond / r.Alone.EventsPerSecond:P0}) |"));
        }

        return text.ToString();
    }

    public const string SectionName = "events";

    /// <summary>The run's section of bench/README.md (also printed): when, on what, under which load, and the table.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("## Events (`events`): last run");
        text.AppendLine();
        text.AppendLine(Line($"- Date: {After.At:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine(Line($"- Machine: {Before.Cores} cores ({Before.Cpu}), {Before.MemoryGiB:N1} GiB RAM; PostgreSQL {PostgresVersion} on the same machine; .NET {Environment.Version}"));
        text.AppendLine(Line($"- Load average (1/5/15 min): {Before.LoadAverage} at the start, {LoadDuringIngestion} when ingestion started, {After.LoadAverage} at the end. The machine was shared with other jobs: figures are lower bounds."));
        text.AppendLine(Line($"- Options: {Options.TotalEvents:N0} events, {Options.IngestEvents:N0} ingested, batches of {Options.BatchSize:N0}, {Options.Senders} senders, {Options.Requests} requests per latency row"));
        text.AppendLine();
        text.Append(ToTable());
        return text.ToString();
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What one ingestion path achieved, and the CPU it took per 1,000 events in this process and in PostgreSQL.</summary>
public sealed record IngestionCost(double EventsPerSecond, double AppCpuMs, double PostgresCpuMs)
{
    public double CpuMs => AppCpuMs + PostgresCpuMs;

    /// <summary>The rate when the path has every core to itself: what a quiet machine of this size would reach.</summary>
    public double CpuBoundRate(int cores) => cores * 1_000_000 / CpuMs;
}
