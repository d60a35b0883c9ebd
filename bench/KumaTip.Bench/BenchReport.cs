using System.Globalization;
using System.Text;
using KumaTip.Application.Tenancy;

namespace KumaTip.Bench;

public sealed record BenchReport(
    BenchOptions Options,
    int WarmUpRounds,
    MachineInfo Before,
    MachineInfo After,
    string PostgresVersion,
    long TotalEvents,
    long ObservableRows,
    IngestionPoint First,
    IngestionPoint Second,
    IReadOnlyList<LatencySample> Latencies)
{
    public const double IngestionTarget = 20_000;
    public const double LatencyTargetMs = 100;

    /// <summary>The rate with the full store, against the rate with the first million (issue 15: within 10 %).</summary>
    public const double RateHeldTarget = 0.90;

    /// <summary>The retention runs over the filled database, measured after latency.</summary>
    public RetentionFigures? Retention { get; init; }

    /// <summary>The newest page with more day partitions, measured last.</summary>
    public IReadOnlyList<PlanningSample> Planning { get; init; } = [];

    public double RateHeld => Second.Api.EventsPerSecond / First.Api.EventsPerSecond;

    public string ToTable()
    {
        var (a, b) = (First, Second);
        var text = new StringBuilder();
        text.AppendLine(Line($"Ingestion of a live feed (event times within the last {EventsBenchmark.LiveWindow.TotalMinutes:N0} minutes, so written to today's partitions), measured twice in the same way: ")
            + Line($"the store vacuumed and checkpointed, then for tenants of that measurement's own an untimed lead-in and {IngestionPoint.Rounds} rounds of {Options.IngestEvents:N0} events through the API and the same rows by raw COPY, ")
            + Line($"batches of {Options.BatchSize:N0}, {Options.Senders} concurrent senders; rates are the median round's, CPU the mean of the rounds; ")
            + Line($"the stored events fill the {EventsBenchmark.HistoryDays} whole days before today evenly"));
        text.AppendLine(Line($"| figure | {Stored(a)} stored | {Stored(b)} stored | second ÷ first | target |"));
        text.AppendLine("|---|---:|---:|---:|---|");
        text.AppendLine(Line($"| events stored when the measurement started (observable rows) | {a.Store.Events:N0} ({a.Store.ObservableRows:N0}) | {b.Store.Events:N0} ({b.Store.ObservableRows:N0}) | | |"));
        text.AppendLine(Line($"| both tables, all partitions: size (of which indexes) | {Gib(a.Store.Bytes)} ({Gib(a.Store.IndexBytes)}) | {Gib(b.Store.Bytes)} ({Gib(b.Store.IndexBytes)}) | | |"));
        text.AppendLine(Line($"| bytes per stored event (event, its observable rows, their indexes) | {a.Store.BytesPerEvent:N0} | {b.Store.BytesPerEvent:N0} | | |"));
        text.AppendLine(Line($"| today's partitions, the ones written: events (their indexes) | {a.Store.TodayEvents:N0} ({Mib(a.Store.TodayIndexBytes)}) | {b.Store.TodayEvents:N0} ({Mib(b.Store.TodayIndexBytes)}) | | |"));
        text.AppendLine(Line($"| **POST /api/v1/events** (ingestion token), events/s | **{a.Api.EventsPerSecond:N0}** | **{b.Api.EventsPerSecond:N0}** | **{RateHeld:P0}** | ")
            + Line($"≥ {RateHeldTarget:P0}: {Verdict(RateHeld >= RateHeldTarget)}; ≥ {IngestionTarget:N0} each: {Verdict(a.Api.EventsPerSecond >= IngestionTarget && b.Api.EventsPerSecond >= IngestionTarget)} |"));
        text.AppendLine(Line($"| API, each round, events/s | {Rates(a.ApiRounds)} | {Rates(b.ApiRounds)} | | |"));
        text.AppendLine(Line($"| raw binary COPY of the same rows, events/s | {a.Copy.EventsPerSecond:N0} | {b.Copy.EventsPerSecond:N0} | {b.Copy.EventsPerSecond / a.Copy.EventsPerSecond:P0} | |"));
        text.AppendLine(Line($"| API ÷ raw COPY | {a.ApiShareOfCopy:P0} | {b.ApiShareOfCopy:P0} | | ≥ 50 %: {Verdict(a.ApiShareOfCopy >= 0.5 && b.ApiShareOfCopy >= 0.5)} |"));
        text.AppendLine(Line($"| API: CPU per 1,000 events, app + PostgreSQL ms | {Cpu(a.Api)} | {Cpu(b.Api)} | {b.Api.CpuMs / a.Api.CpuMs:P0} | |"));
        text.AppendLine(Line($"| raw COPY: CPU per 1,000 events, app + PostgreSQL ms | {Cpu(a.Copy)} | {Cpu(b.Copy)} | {b.Copy.CpuMs / a.Copy.CpuMs:P0} | |"));
        text.AppendLine(Line($"| API: events/s its CPU cost allows on {Before.Cores} free cores | {a.Api.CpuBoundRate(Before.Cores):N0} | {b.Api.CpuBoundRate(Before.Cores):N0} | {b.Api.CpuBoundRate(Before.Cores) / a.Api.CpuBoundRate(Before.Cores):P0} | |"));
        text.AppendLine(Line($"| cores other processes kept busy, API pass / COPY pass | {a.Api.OtherCores:N2} / {a.Copy.OtherCores:N2} | {b.Api.OtherCores:N2} / {b.Copy.OtherCores:N2} | | |"));
        text.AppendLine(Line($"| load average (1/5/15 min) when the API pass started | {a.LoadAverage} | {b.LoadAverage} | | |"));
        text.AppendLine();
        text.AppendLine(Line($"Latency with {TotalEvents:N0} events ({ObservableRows:N0} observable rows), sequential requests, 50 per page"));
        text.AppendLine("| request | n | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var l in Latencies)
        {
            text.AppendLine(Line($"| {l.Name} | {l.Requests} | {l.P50Ms:N1} | {l.P99Ms:N1} | {l.MaxMs:N1} |"));
        }

        text.AppendLine(Line($"| every row: p99 ≤ {LatencyTargetMs:N0} ms | | | {Verdict(Latencies.All(l => l.P99Ms <= LatencyTargetMs))} | |"));
        if (Retention is { } r)
        {
            text.AppendLine();
            text.AppendLine(Line($"Retention runs (ADR 013) after the latency rows, each while {Options.Senders} senders kept posting a live feed through the API; ")
                + Line($"ingestion alone for {r.Alone.Took.TotalSeconds:N0} s before the days were dropped: {r.Alone.EventsPerSecond:N0} events/s, longest batch {r.Alone.LongestBatchMs:N0} ms"));
            text.AppendLine("| run | what it removed | took | API ingestion meanwhile | longest batch |");
            text.AppendLine("|---|---|---:|---:|---:|");
            var empty = r.Housekeeping.Report.PartitionsDropped.Select(d => d.Took.TotalMilliseconds).Order().ToList();
            text.AppendLine(Line($"| retention cut from {Tenant.DefaultRetentionDays} to {r.HistoryDays} days: the days before the stored ones | ")
                + Line($"{empty.Count} empty partitions detached and dropped{(empty.Count > 0 ? Line($", median {empty[empty.Count / 2]:N0} ms each") : "")}; {r.Housekeeping.Report.EventsDeleted:N0} events deleted in batches | ")
                + Line($"{r.Housekeeping.Took.TotalSeconds:N1} s | {During(r.Housekeeping, r.Alone)} | {r.Housekeeping.Ingestion.LongestBatchMs:N0} ms |"));
            var days = r.HistoryDays;
            foreach (var day in r.DaysDropped)
            {
                days--;
                var dropped = string.Join(", ", day.Report.PartitionsDropped.Select(d =>
                    Line($"{d.Name} ({day.RowsBefore.GetValueOrDefault(d.Name):N0} rows) {d.Took.TotalMilliseconds:N0} ms")));
                text.AppendLine(Line($"| every tenant {days} days: the oldest stored day | {dropped}; {day.Report.EventsDeleted:N0} events deleted in batches | ")
                    + Line($"{day.Took.TotalSeconds:N1} s | {During(day, r.Alone)} | {day.Ingestion.LongestBatchMs:N0} ms |"));
            }

            var batched = r.Batched;
            var rows = batched.Report.EventsDeleted + batched.Report.ObservableRowsDeleted;
            text.AppendLine(Line($"| one tenant {r.ShorterRetentionDays} days, the others {r.ShorterRetentionDays + 1}: its part of the oldest day, deleted in batches | ")
                + Line($"{batched.Report.EventsDeleted:N0} events and {batched.Report.ObservableRowsDeleted:N0} observable rows ({rows / batched.Took.TotalSeconds:N0} rows/s) | ")
                + Line($"{batched.Took.TotalSeconds:N1} s | {During(batched, r.Alone)} | {batched.Ingestion.LongestBatchMs:N0} ms |"));
        }

        if (Planning.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(Line($"One tenant's newest page with empty day partitions added before the oldest, as a longer retention holds them; after the retention runs, so with fewer events. ")
                + Line($"Query times from PostgreSQL (`EXPLAIN ANALYZE`, medians of 30), planned for their parameter each time as the application's are: without a time bound, which no partition can be pruned from, ")
                + Line($"and bounded to the last day, the first slice of time the list reads (ADR 015); the unbounded query prepared with a generic plan (pruned when it runs), from this process; ")
                + Line($"and the API's administrator page (all tenants), 50 sequential requests"));
            text.AppendLine("| day partitions per table | unbounded: planning / execution ms | last day: planning / execution ms | unbounded, generic plan ms | API administrator page p50 / p99 ms |");
            text.AppendLine("|---:|---:|---:|---:|---:|");
            foreach (var p in Planning)
            {
                text.AppendLine(p.Api is { } api
                    ? Line($"| {p.Partitions:N0} | {p.Unbounded.PlanningMs:N1} / {p.Unbounded.ExecutionMs:N1} | {p.LastDay.PlanningMs:N1} / {p.LastDay.ExecutionMs:N1} | {p.GenericPlanMs:N1} | {api.P50Ms:N1} / {api.P99Ms:N1} |")
                    : Line($"| {p.Partitions:N0} | failed: {p.Failure} | | | |"));
            }
        }

        return text.ToString();
    }

    private static string Stored(IngestionPoint point) => point.Store.Events >= 1_000_000
        ? Line($"{Math.Round(point.Store.Events / 1_000_000.0, 1):N1} M")
        : Line($"{Math.Round(point.Store.Events / 1_000.0):N0} k");

    private static string Rates(IEnumerable<IngestionCost> rounds) => string.Join(", ", rounds.Select(r => Line($"{r.EventsPerSecond:N0}")));

    private static string Cpu(IngestionCost cost) => Line($"{cost.AppCpuMs:N0} + {cost.PostgresCpuMs:N0} = {cost.CpuMs:N0}");

    private static string During(RetentionStep step, IngestionRate alone) =>
        Line($"{step.Ingestion.EventsPerSecond:N0} events/s ({step.Ingestion.EventsPerSecond / alone.EventsPerSecond:P0})");

    private static string Gib(long bytes) => Line($"{bytes / 1024.0 / 1024 / 1024:N2} GiB");

    private static string Mib(long bytes) => Line($"{bytes / 1024.0 / 1024:N0} MiB");

    public const string SectionName = "events";

    /// <summary>The run's section of bench/README.md (also printed): when, on what, under which load, and the table.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("## Events (`events`): last run");
        text.AppendLine();
        text.AppendLine(Line($"- Date: {After.At:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine(Line($"- Machine: {Before.Cores} cores ({Before.Cpu}), {Before.MemoryGiB:N1} GiB RAM; PostgreSQL {PostgresVersion} on the same machine; .NET {Environment.Version}"));
        text.AppendLine(Line($"- Load average (1/5/15 min): {Before.LoadAverage} at the start, {After.LoadAverage} at the end. The machine was shared with other jobs: figures are lower bounds."));
        text.AppendLine(Line($"- Options: {Options.TotalEvents:N0} events, the first measurement at {Options.FirstEvents:N0}, {Options.IngestEvents:N0} ingested per round ({IngestionPoint.Rounds} rounds per measurement), batches of {Options.BatchSize:N0}, ")
            + Line($"{Options.Senders} senders, {Options.Requests} requests per latency row; JIT warm-up: {WarmUpRounds} rounds"));
        text.AppendLine();
        text.Append(ToTable());
        return text.ToString();
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What one ingestion path achieved, and the CPU it took per 1,000 events in this process and in PostgreSQL.</summary>
/// <param name="OtherCores">Cores other processes of the machine kept busy meanwhile.</param>
public sealed record IngestionCost(double EventsPerSecond, double AppCpuMs, double PostgresCpuMs, double OtherCores)
{
    public double CpuMs => AppCpuMs + PostgresCpuMs;

    /// <summary>The rate when the path has every core to itself: what a quiet machine of this size would reach.</summary>
    public double CpuBoundRate(int cores) => cores * 1_000_000 / CpuMs;

    /// <summary>Rounds of the same size: the median round's rate, the mean CPU per event and the mean of the other processes' cores.</summary>
    public static IngestionCost Combine(IReadOnlyList<IngestionCost> rounds) => new(
        rounds.Select(r => r.EventsPerSecond).Order().ElementAt(rounds.Count / 2),
        rounds.Average(r => r.AppCpuMs),
        rounds.Average(r => r.PostgresCpuMs),
        rounds.Average(r => r.OtherCores));
}
