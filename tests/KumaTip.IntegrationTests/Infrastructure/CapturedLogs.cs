using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>Every log event of every app the tests start, rendered with its properties and exception, for the secret scans.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private static readonly ConcurrentQueue<string> Lines = new();

    public static IReadOnlyCollection<string> All => Lines;

    public void Emit(LogEvent logEvent)
    {
        var properties = string.Join(" ", logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        Lines.Enqueue($"{logEvent.Level} {logEvent.RenderMessage()} {properties} {logEvent.Exception}");
    }

    /// <summary>Fails with the offending line when any captured log line contains <paramref name="secret"/>.</summary>
    public static void AssertNoneContain(string secret)
    {
        var leak = Lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
        Assert.True(leak is null, $"A log line contains a secret value: {leak}");
    }
}
