using System.Diagnostics;
using System.Net;

namespace KumaTip.Bench;

/// <summary>One request shape: what to send, with which client, and the status every answer must have.</summary>
public sealed record LoadPath(string Name, HttpClient Client, Func<HttpRequestMessage> Request, HttpStatusCode Expected);

/// <summary>Throughput and latency of one request shape under a fixed number of concurrent clients.</summary>
/// <param name="CpuPerRequest">CPU time per request of this process (server and clients) and of PostgreSQL.</param>
/// <param name="OtherCores">Cores kept busy meanwhile by other processes of the machine.</param>
public sealed record LoadSample(string Name, int Clients, int Requests, double Seconds, double P50Ms, double P99Ms, double MaxMs, CpuReading CpuPerRequest, double OtherCores)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// Closed-loop load: <c>clients</c> loops, each sending its next request as soon as the previous answer is read,
/// until the total is reached or the time is up (a slow path on a busy machine must not hold the run for many minutes).
/// Every answer must have the expected status: a benchmark of errors measures nothing.
/// </summary>
public static class ConcurrentLoad
{
    /// <summary>Sends requests untimed (JIT, tiered compilation, connection and database pools), up to the count or the time.</summary>
    public static Task WarmUpAsync(LoadPath path, int clients, int requests, TimeSpan limit) =>
        RunAsync(path.Client, path.Request, path.Expected, clients, new double[requests], limit);

    public static async Task<LoadSample> MeasureAsync(LoadPath path, int clients, int requests, TimeSpan limit, CpuMeter cpu)
    {
        var times = new double[requests];
        var cpuBefore = cpu.Read();
        var started = Stopwatch.GetTimestamp();
        var done = await RunAsync(path.Client, path.Request, path.Expected, clients, times, limit);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var spent = cpu.Read() - cpuBefore;
        times = times[..done];
        Array.Sort(times);
        return new LoadSample(path.Name, clients, done, seconds, Percentile(times, 0.50), Percentile(times, 0.99), times[^1], spent.Per(done), spent.OtherCores);
    }

    public static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Fills <paramref name="times"/> with request durations; returns how many were sent before the time was up.</summary>
    private static async Task<int> RunAsync(HttpClient client, Func<HttpRequestMessage> request, HttpStatusCode expected, int clients, double[] times, TimeSpan limit)
    {
        var next = -1;
        var done = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while (Stopwatch.GetTimestamp() < deadline && (i = Interlocked.Increment(ref next)) < times.Length)
            {
                using var message = request();
                var started = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (response.StatusCode != expected)
                {
                    var body = await response.Content.ReadAsStringAsync();
                    throw new InvalidOperationException(
                        $"{message.Method} {message.RequestUri} answered {(int)response.StatusCode} instead of {(int)expected}: {body[..Math.Min(body.Length, 300)]}");
                }

                Interlocked.Increment(ref done);
            }
        })));

        // Requests are numbered as they are taken, so the first `done` slots are the ones filled.
        return done;
    }
}
