using System.Globalization;
using System.Text;

namespace KumaTip.Bench;

/// <summary>The figures of one <c>panel</c> run, as a markdown section for the console and bench/README.md.</summary>
public sealed record PanelReport(
    PanelOptions Options,
    MachineInfo Before,
    MachineInfo After,
    string Database,
    string Browser,
    int WarmUpRounds,
    string LoadAverage,
    PanelCpu Cpu,
    IReadOnlyList<PanelSample> Samples)
{
    public const string SectionName = "panel";

    public string ToMarkdown()
    {
        var added = Sorted(s => s.AddedMs);
        var text = new StringBuilder();
        text.AppendLine("## Request to the filled panel beside the events (`panel`): last run");
        text.AppendLine();
        text.AppendLine(Line($"- Date: {After.At:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine(Line($"- Machine: {Before.Cores} cores ({Before.Cpu}), {Before.MemoryGiB:N1} GiB RAM; {Database}; .NET {Environment.Version}; {Browser} (headless, same machine)"));
        text.AppendLine(Line($"- Load average (1/5/15 min; from the start on it counts this benchmark and Chromium too): {Before.LoadAverage} at the start, {LoadAverage} when the timed lookups started, {After.LoadAverage} at the end."));
        text.AppendLine(Line($"- CPU per timed lookup: {Cpu.AppMs:N1} ms this process (app, simulator, Playwright's client), {Cpu.PostgresMs:N1} ms PostgreSQL, {Cpu.BrowserMs:N1} ms Chromium and Playwright's driver; other processes of the machine kept {Cpu.OtherCores:N2} of its {Before.Cores} cores busy meanwhile{(Cpu.OtherCores > 0.25 ? ": the times are upper bounds of what an idle machine shows" : "")}."));
        text.AppendLine(Line($"- Options: {Samples.Count} distinct uncached observables (domains), one after the other, each clicked {PanelBenchmark.ReadingPauseMs} ms after the enrichment window opened; simulator latency {Options.LatencyMs} ms; {(Options.Workers is { } w ? $"{w} task workers" : "the app's default task workers")}; {WarmUpRounds} warm-up round(s) of 10 lookups before"));
        text.AppendLine();
        text.AppendLine(Line($"Per lookup, from the click on Request («Запрос») to the panel painted in the details area, and TIP's own time for the lookup's one request as the simulator measured it ({Samples.Count} lookups)"));
        text.AppendLine();
        text.AppendLine("| figure | p50 ms | p99 ms | max ms | target |");
        text.AppendLine("|---|---:|---:|---:|---|");
        text.AppendLine(Row("click on Request → filled panel (what the analyst waits for)", Sorted(s => s.TotalMs), ""));
        text.AppendLine(Row("TIP's own time (the simulator, request received → answer written)", Sorted(s => s.TipMs), ""));
        text.AppendLine(Row("**added by KumaTip** (the difference, per lookup)", added, Line($"p99 ≤ {PanelBenchmark.AddedP99TargetMs:N0} ms: {(Percentile(added, 0.99) <= PanelBenchmark.AddedP99TargetMs ? "met" : "NOT met")}")));
        text.AppendLine();
        text.AppendLine("Where the added time goes (each row's percentiles on their own: they do not add up at p99; at each lookup the four parts add up to the added time)");
        text.AppendLine();
        text.AppendLine("| part | p50 ms | p99 ms | max ms | |");
        text.AppendLine("|---|---:|---:|---:|---|");
        text.AppendLine(Row("click → task queued (the form post: the lookup checked and queued)", Sorted(s => s.PostMs), ""));
        text.AppendLine(Row("task queued → claimed by a worker", Sorted(s => s.PickUpMs), ""));
        text.AppendLine(Row("the worker's own time around the TIP request (claim → outcome, TIP's time left out)", Sorted(s => s.WorkerMs), ""));
        text.AppendLine(Row("task finished → panel painted (the waiting request answered, the panel placed)", Sorted(s => s.DeliveryMs), ""));
        var shown = Samples.Where(s => s.ProgressShown > 0).Select(s => s.ProgressShown - s.Click).Order().ToArray();
        if (shown.Length > 0)
        {
            text.AppendLine(Row(Line($"beside the parts: click → progress view shown in the details area, while the worker runs ({shown.Length} of {Samples.Count} lookups; the others had finished first)"), shown, ""));
        }

        var waited = Samples.Where(s => s.Waited && s.Requested > 0).ToList();
        if (waited.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(Line($"The last part, task finished → panel painted, in the page ({waited.Count} of {Samples.Count} lookups had the panel in the answer to the progress view's wait, asked for while the worker ran)"));
            text.AppendLine();
            text.AppendLine("| part | p50 ms | p99 ms | max ms | |");
            text.AppendLine("|---|---:|---:|---:|---|");
            text.AppendLine(Row("task finished (server) → the panel's first byte (the waiting request woken, the task read, the panel rendered)", waited.Select(s => s.FirstByte - s.TaskFinished).Order().ToArray(), ""));
            var size = waited.Select(s => s.PanelBytes / 1024).Order().ToArray();
            text.AppendLine(Row(Line($"first byte → last byte (the panel's HTML: {Percentile(size, 0.5):N0} KiB at p50, {size[^1]:N0} KiB at most)"), waited.Select(s => s.LastByte - s.FirstByte).Order().ToArray(), ""));
            if (waited.All(s => s.Read > 0))
            {
                text.AppendLine(Row("last byte → the page has the text (its body read: the page's event loop)", waited.Select(s => s.Read - s.LastByte).Order().ToArray(), ""));
                text.AppendLine(Row("text → panel placed (parsed, placed in the area, its heading focused)", waited.Select(s => s.Inserted - s.Read).Order().ToArray(), ""));
            }
            else
            {
                text.AppendLine(Row("last byte → panel placed (parsed, placed)", waited.Select(s => s.Inserted - s.LastByte).Order().ToArray(), ""));
            }
            text.AppendLine(Row("panel placed → painted (layout, paint)", waited.Select(s => s.Painted - s.Inserted).Order().ToArray(), ""));
            var heard = waited.Where(s => s.Pushed > 0).ToArray();
            if (heard.Length > 0)
            {
                text.AppendLine(Row(Line($"beside them: task finished → the task hub's push heard ({heard.Length} lookups; it no longer brings the panel)"), heard.Select(s => s.Pushed - s.TaskFinished).Order().ToArray(), ""));
            }
        }

        return text.ToString();
    }

    private double[] Sorted(Func<PanelSample, double> figure) => Samples.Select(figure).Order().ToArray();

    private static string Row(string name, double[] sorted, string target) =>
        Line($"| {name} | {Percentile(sorted, 0.50):N1} | {Percentile(sorted, 0.99):N1} | {sorted[^1]:N1} | {target} |");

    private static double Percentile(double[] sorted, double p) => ConcurrentLoad.Percentile(sorted, p);

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
