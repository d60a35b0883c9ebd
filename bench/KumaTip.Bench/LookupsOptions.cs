using System.Globalization;

namespace KumaTip.Bench;

/// <param name="Clients">Concurrent clients hammering the cached paths and the trivial endpoint.</param>
/// <param name="Requests">Timed requests per path under that concurrency (after a warm-up)…</param>
/// <param name="MaxSeconds">…or fewer, when this many seconds are up first.</param>
/// <param name="Burst">Concurrent identical lookups of one new observable.</param>
/// <param name="Distinct">Distinct observables looked up for the throughput figure.</param>
/// <param name="LatencyMs">The simulator's added latency per request during the throughput figure.</param>
/// <param name="Parallel">The settings' limit on parallel upstream requests, and by default the app's task workers.</param>
/// <param name="Workers">Task workers of the app, when not <see cref="Parallel"/>.</param>
/// <param name="Sqlite">Run on the embedded SQLite instead of a throwaway PostgreSQL cluster.</param>
public sealed record LookupsOptions(
    int Clients, int Requests, int MaxSeconds, int Burst, int Distinct, int LatencyMs, int Parallel, int? Workers, bool Sqlite, bool WriteReadme)
{
    public static LookupsOptions Parse(string[] args)
    {
        var options = new LookupsOptions(64, 5_000, 30, 1_000, 1_000, 100, 8, null, false, true);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--clients" => options with { Clients = Next() },
                "--requests" => options with { Requests = Next() },
                "--max-seconds" => options with { MaxSeconds = Next() },
                "--burst" => options with { Burst = Next() },
                "--distinct" => options with { Distinct = Next() },
                "--latency-ms" => options with { LatencyMs = Next() },
                "--parallel" => options with { Parallel = Next() },
                "--workers" => options with { Workers = Next() },
                "--sqlite" => options with { Sqlite = true },
                "--no-readme" => options with { WriteReadme = false },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options;
    }

    public int TaskWorkers => Workers ?? Parallel;

    public string Database => Sqlite ? "SQLite" : "PostgreSQL";

    /// <summary>Lookups per second if every upstream slot were busy all the time: nothing but the simulator's latency.</summary>
    public double IdealLookupsPerSecond => Parallel * 1000.0 / LatencyMs;
}
