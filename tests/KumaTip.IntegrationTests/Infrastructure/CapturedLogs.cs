using System.Collections.Concurrent;
using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>Every log event of every app the tests start, rendered with its properties and exception, for the secret scans.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private static readonly ConcurrentQueue<CapturedLine> Lines = new();

    /// <summary>The same lines by trace id: the hostile-input suite alone logs hundreds of thousands of lines.</summary>
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<CapturedLine>> LinesByTrace = new();

    public static IEnumerable<string> All => Lines.Select(l => l.Text);

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        var line = new CapturedLine(
            logEvent.Level, logEvent.TraceId?.ToHexString(), $"{logEvent.Level} {logEvent.RenderMessage()} {properties} {logEvent.Exception}");
        Lines.Enqueue(line);
        if (line.TraceId is { } traceId)
        {
            LinesByTrace.GetOrAdd(traceId, _ => new()).Enqueue(line);
        }
    }

    /// <summary>Fails with the offending line when any captured log line contains <paramref name="secret"/>.</summary>
    public static void AssertNoneContain(string secret)
    {
        var leak = Lines.FirstOrDefault(l => l.Text.Contains(secret, StringComparison.Ordinal));
        Assert.True(leak is null, $"A log line contains a secret value: {leak?.Text}");
    }

    /// <summary>
    /// Sends every request of <paramref name="client"/> in one new trace (a <c>traceparent</c> header), so that the log
    /// lines they cause can be told from other tests' (<see cref="OfTrace"/>). Returns the trace id.
    /// </summary>
    public static string Trace(HttpClient client)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        client.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return traceId;
    }

    public static IReadOnlyList<CapturedLine> OfTrace(string traceId) =>
        LinesByTrace.TryGetValue(traceId, out var lines) ? lines.ToList() : [];

    /// <summary>
    /// The request log's line for the trace's request, waited for: it is written after the response has reached the
    /// client, and it is the request's last line.
    /// </summary>
    public static async Task<CapturedLine> RequestLineAsync(string traceId, TimeSpan? patience = null)
    {
        // Generous by default: the line follows the response, and under the whole suite on two cores the server's side
        // of the request may be descheduled for a while after the client has its answer.
        var waiting = Stopwatch.StartNew();
        while (waiting.Elapsed < (patience ?? TimeSpan.FromSeconds(20)))
        {
            if (OfTrace(traceId).FirstOrDefault(l => l.Text.Contains(" responded ", StringComparison.Ordinal)) is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        // What was logged for the trace at all, so a miss says whether the line was late, lost or logged without its trace.
        var ofTrace = OfTrace(traceId);
        throw new TimeoutException(
            $"No request log line for trace {traceId} after {waiting.Elapsed.TotalSeconds:0.0} s; {ofTrace.Count} line(s) of the trace: "
            + string.Join(" | ", ofTrace.Select(l => l.Text.Length > 200 ? l.Text[..200] : l.Text)));
    }

    /// <summary>Fails with the lines when anything in the trace was logged at Error or above.</summary>
    public static void AssertNoErrorIn(string traceId)
    {
        var errors = OfTrace(traceId).Where(l => l.Level >= LogEventLevel.Error).Select(l => l.Text).ToList();
        Assert.True(errors.Count == 0, "Logged at Error for a client's request:\n" + string.Join("\n", errors));
    }
}

public sealed record CapturedLine(LogEventLevel Level, string? TraceId, string Text);
