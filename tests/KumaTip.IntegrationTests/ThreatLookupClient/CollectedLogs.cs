using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>Every log line of one harness, rendered with its exception, for the assertions on what is (and is not) logged.</summary>
public sealed class CollectedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void AssertNoneContain(string secret)
    {
        var leak = _lines.FirstOrDefault(line => line.Contains(secret, StringComparison.Ordinal));
        Assert.True(leak is null, $"A log line contains a secret value: {leak}");
    }

    public void Dispose()
    {
    }

    private sealed class Collector(CollectedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs._lines.Enqueue($"{logLevel} {category} {formatter(state, exception)} {exception}");
    }
}
