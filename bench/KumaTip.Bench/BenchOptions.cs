using System.Globalization;

namespace KumaTip.Bench;

/// <param name="TotalEvents">Events in the database when latency is measured.</param>
/// <param name="IngestEvents">Events sent through the API (and again through raw COPY) for the throughput figures.</param>
public sealed record BenchOptions(int TotalEvents, int IngestEvents, int BatchSize, int Senders, int Requests, bool WriteReadme)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(1_000_000, 200_000, 2_000, 4, 200, true);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--events" => options with { TotalEvents = Next() },
                "--ingest" => options with { IngestEvents = Next() },
                "--batch" => options with { BatchSize = Next() },
                "--senders" => options with { Senders = Next() },
                "--requests" => options with { Requests = Next() },
                "--no-readme" => options with { WriteReadme = false },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options with { IngestEvents = Math.Min(options.IngestEvents, options.TotalEvents / 2) };
    }
}
