using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace KumaTip.Bench;

/// <summary>
/// What the server did during one lookup, for reading where the time goes (<c>panel --timeline N</c>): every activity
/// the app's sources emit while it listens (incoming requests, the lookup task and its TIP request, outgoing HTTP,
/// database commands), printed relative to the click.
/// </summary>
public sealed class ServerTimeline : IDisposable
{
    private static readonly string[] Sources = ["Microsoft.AspNetCore", "KumaTip", "System.Net.Http", "Npgsql"];

    private readonly ConcurrentQueue<Activity> _done = new();
    private readonly ActivityListener _listener;

    public ServerTimeline()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _done.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <param name="from">The click, epoch milliseconds.</param>
    /// <param name="to">The panel painted, epoch milliseconds.</param>
    public void Print(double from, double to, string what)
    {
        var activities = new List<Activity>();
        while (_done.TryDequeue(out var activity))
        {
            activities.Add(activity);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Timeline of {what} (ms from the click; the panel painted at {to - from:N1}):"));
        foreach (var a in activities.Where(a => EpochMs(a.StartTimeUtc) + a.Duration.TotalMilliseconds >= from - 5 && EpochMs(a.StartTimeUtc) <= to).OrderBy(a => a.StartTimeUtc))
        {
            var path = a.GetTagItem("url.path") ?? a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement") ?? "";
            var text = path.ToString()!.ReplaceLineEndings(" ");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"    {EpochMs(a.StartTimeUtc) - from,8:N1} +{a.Duration.TotalMilliseconds,6:N1}  {a.Source.Name,-20} {a.DisplayName} {text[..Math.Min(text.Length, 110)]}"));
        }
    }

    public void Dispose() => _listener.Dispose();

    private static double EpochMs(DateTime utc) => (utc - DateTime.UnixEpoch).TotalMilliseconds;
}
