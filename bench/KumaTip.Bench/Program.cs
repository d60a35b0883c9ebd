namespace KumaTip.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/KumaTip.Bench -- events [--events 1000000] [--first N] [--ingest 200000] [--batch 2000] [--senders 4] [--requests 200] [--no-readme] [--diagnose]</c><br/>
/// <c>dotnet run -c Release --project bench/KumaTip.Bench -- lookups [--clients 64] [--requests 5000] [--max-seconds 30] [--burst 1000] [--distinct 1000] [--latency-ms 100] [--parallel 8] [--workers N] [--sqlite] [--no-readme]</c><br/>
/// <c>dotnet run -c Release --project bench/KumaTip.Bench -- panel [--observables 100] [--latency-ms 100] [--workers N] [--sqlite] [--no-readme]</c>
/// </summary>
public static class BenchProgram
{
    private const string Usage = """
        Usage: KumaTip.Bench events  [--events N] [--first N] [--ingest N] [--batch N] [--senders N] [--requests N] [--no-readme] [--diagnose]
               KumaTip.Bench lookups [--clients N] [--requests N] [--max-seconds N] [--burst N] [--distinct N] [--latency-ms N] [--parallel N] [--workers N] [--sqlite] [--no-readme]
               KumaTip.Bench panel   [--observables N] [--latency-ms N] [--workers N] [--sqlite] [--no-readme]
        """;

    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "events":
                var events = BenchOptions.Parse(args[1..]);
                var eventsReport = await EventsBenchmark.RunAsync(events);
                await PublishAsync(BenchReport.SectionName, eventsReport.ToMarkdown(), events.WriteReadme);
                return 0;
            case "lookups":
                var lookups = LookupsOptions.Parse(args[1..]);
                var lookupsReport = await LookupsBenchmark.RunAsync(lookups);
                await PublishAsync(LookupsReport.SectionName, lookupsReport.ToMarkdown(), lookups.WriteReadme);
                return 0;
            case "panel":
                var panel = PanelOptions.Parse(args[1..]);
                var panelReport = await PanelBenchmark.RunAsync(panel);
                await PublishAsync(PanelReport.SectionName, panelReport.ToMarkdown(), panel.WriteReadme);
                return 0;
            default:
                await Console.Error.WriteLineAsync(Usage);
                return 2;
        }
    }

    /// <summary>Prints the section and, unless told not to, replaces it in bench/README.md (the other sections stay).</summary>
    private static async Task PublishAsync(string section, string markdown, bool writeReadme)
    {
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (writeReadme)
        {
            await BenchReadme.WriteSectionAsync(section, markdown);
            Console.WriteLine($"Figures written to the '{section}' section of {BenchReadme.FilePath}");
        }
    }
}
