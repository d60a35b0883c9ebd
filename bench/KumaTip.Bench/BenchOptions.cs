using System.Globalization;

namespace KumaTip.Bench;

/// <param name="TotalEvents">Events stored when the API's ingestion rate is measured the second time, and latency after it.</param>
/// <param name="FirstEvents">Events stored when the API's ingestion rate is measured the first time.</param>
/// <param name="IngestEvents">Events sent through the API (and again through raw COPY) at each of the two measurements.</param>
/// <param name="Diagnose">PostgreSQL's view of each timed pass in the console log (statements, autovacuum, buffers); off for the figures of record.</param>
public sealed record BenchOptions(int TotalEvents, int FirstEvents, int IngestEvents, int BatchSize, int Senders, int Requests, bool WriteReadme, bool Diagnose = false)
{
    public const int FirstEventsDefault = 1_000_000;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(1_000_000, 0, 200_000, 2_000, 4, 200, true);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--events" => options with { TotalEvents = Next() },
                "--first" => options with { FirstEvents = Next() },
                "--ingest" => options with { IngestEvents = Next() },
                "--batch" => options with { BatchSize = Next() },
                "--senders" => options with { Senders = Next() },
                "--requests" => options with { Requests = Next() },
                "--no-readme" => options with { WriteReadme = false },
                "--diagnose" => options with { Diagnose = true },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        // 1,000,000 against 10,000,000 by default; a smaller run compares a tenth of its size with the whole.
        var first = options.FirstEvents > 0 ? options.FirstEvents : Math.Min(FirstEventsDefault, options.TotalEvents / 10);
        return options with
        {
            FirstEvents = Math.Min(first, options.TotalEvents),
            IngestEvents = Math.Min(options.IngestEvents, options.TotalEvents / 2),
        };
    }
}
