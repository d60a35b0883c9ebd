namespace KumaTip.Bench;

/// <summary><c>dotnet run -c Release --project bench/KumaTip.Bench -- events [--events 1000000] [--ingest 200000] [--batch 2000] [--senders 4] [--no-readme]</c></summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "events")
        {
            await Console.Error.WriteLineAsync("Usage: KumaTip.Bench events [--events N] [--ingest N] [--batch N] [--senders N] [--requests N] [--no-readme]");
            return 2;
        }

        var options = BenchOptions.Parse(args[1..]);
        var report = await EventsBenchmark.RunAsync(options);
        Console.WriteLine();
        Console.WriteLine(report.ToTable());
        if (options.WriteReadme)
        {
            var readme = Path.Combine(BenchApp.RepositoryRoot(), "bench", "README.md");
            await File.WriteAllTextAsync(readme, report.ToReadme());
            Console.WriteLine($"Figures written to {readme}");
        }

        return 0;
    }
}
