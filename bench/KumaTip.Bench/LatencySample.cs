using System.Diagnostics;

namespace KumaTip.Bench;

/// <summary>Latency of one request shape, measured sequentially after a warm-up.</summary>
public sealed record LatencySample(string Name, int Requests, double P50Ms, double P99Ms, double MaxMs)
{
    public static async Task<LatencySample> MeasureAsync(string name, HttpClient client, Func<int, string> url, int requests)
    {
        for (var i = 0; i < Math.Min(20, requests); i++)
        {
            (await client.GetAsync(url(i))).EnsureSuccessStatusCode();
        }

        var times = new double[requests];
        var (paused, gen2) = (GC.GetTotalPauseDuration(), GC.CollectionCount(2));
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url(i));
            await response.Content.ReadAsByteArrayAsync();
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            response.EnsureSuccessStatusCode();
        }

        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}]   {name}: GC paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:N0} ms ({GC.CollectionCount(2) - gen2} gen2); "
            + $"slowest {string.Join(", ", times.Select((t, i) => (t, i)).OrderByDescending(x => x.t).Take(3).Select(x => $"#{x.i} {x.t:N0} ms"))}");
        Array.Sort(times);
        return new LatencySample(name, requests, Percentile(times, 0.50), Percentile(times, 0.99), times[^1]);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
