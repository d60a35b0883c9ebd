using System.Globalization;

namespace KumaTip.Bench;

/// <param name="Observables">Distinct uncached observables looked up through the events pages, one after the other, timed.</param>
/// <param name="LatencyMs">The simulator's added latency per request: TIP's own time, which the figure subtracts.</param>
/// <param name="Workers">Task workers of the app; the application's default when not given.</param>
/// <param name="Sqlite">Run on the embedded SQLite instead of a throwaway PostgreSQL cluster.</param>
/// <param name="Timeline">Print what the server did (requests, task, TIP request, database commands) during the last this many lookups.</param>
public sealed record PanelOptions(int Observables, int LatencyMs, int? Workers, bool Sqlite, int Timeline, bool WriteReadme)
{
    public static PanelOptions Parse(string[] args)
    {
        var options = new PanelOptions(100, 100, null, false, 0, true);
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--observables" => options with { Observables = Next() },
                "--latency-ms" => options with { LatencyMs = Next() },
                "--workers" => options with { Workers = Next() },
                "--sqlite" => options with { Sqlite = true },
                "--timeline" => options with { Timeline = Next() },
                "--no-readme" => options with { WriteReadme = false },
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return options;
    }

    public string Database => Sqlite ? "SQLite" : "PostgreSQL";
}
