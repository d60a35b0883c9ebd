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
    double ApiEventsPerSecond,
    double CopyEventsPerSecond,
    double AppCpuMsPer1000Events,
    string LoadDuringIngestion,
    IReadOnlyList<LatencySample> Latencies)
{
    public const double IngestionTarget = 20_000;
    public const double LatencyTargetMs = 100;

    public double Ratio => ApiEventsPerSecond / CopyEventsPerSecond;

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(Line($"Ingestion of {Options.IngestEvents:N0} events, batches of {Options.BatchSize:N0}, {Options.Senders} concurrent senders"));
        text.AppendLine(Line($"| path | events/s | target |"));
        text.AppendLine("|---|---:|---|");
        text.AppendLine(Line($"| POST /api/v1/events (ingestion token) | {ApiEventsPerSecond:N0} | ≥ {IngestionTarget:N0}: {Verdict(ApiEventsPerSecond >= IngestionTarget)} |"));
        text.AppendLine(Line($"| raw binary COPY of the same rows | {CopyEventsPerSecond:N0} | |"));
        text.AppendLine(Line($"| API ÷ raw COPY | {Ratio:P0} | ≥ 50 %: {Verdict(Ratio >= 0.5)} |"));
        text.AppendLine(Line($"| CPU of the app process (server and senders) per 1,000 events ingested | {AppCpuMsPer1000Events:N0} ms | |"));
        text.AppendLine();
        text.AppendLine(Line($"Latency with {TotalEvents:N0} events ({ObservableRows:N0} observable rows), sequential requests, 50 per page"));
        text.AppendLine("| request | n | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var l in Latencies)
        {
            text.AppendLine(Line($"| {l.Name} | {l.Requests} | {l.P50Ms:N1} | {l.P99Ms:N1} | {l.MaxMs:N1} |"));
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
