using System.Collections.ObjectModel;
using System.Diagnostics;
using KumaTip.IntegrationTests.ThreatLookup;
using KumaTip.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace KumaTip.IntegrationTests.Telemetry;

/// <summary>
/// The app with the TIP simulator (as <see cref="LookupApp{TDb}"/>), the Prometheus scrape endpoint enabled with a
/// token, gauges read from the database on every collection, and tracing on: the app's own trace set-up
/// (<see cref="TelemetrySetup.AddKumaTipInstruments(TracerProviderBuilder, string)"/>) exporting to memory.
/// </summary>
public sealed class TelemetryApp<TDb> : LookupApp<TDb>
    where TDb : IDatabaseKind
{
    public const string ScrapeToken = "scrape-token-for-the-tests-0123456789abcdef";

    /// <summary>Every span ended in this process (other tests' too: look for a trace by its id).</summary>
    public SpanCollection Spans { get; } = [];

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
    [
        .. base.ExtraSettings(),
        new("Telemetry:Prometheus:Enabled", "true"),
        new("Telemetry:Prometheus:BearerToken", ScrapeToken),
        new("Telemetry:DatabaseGaugeInterval", "00:00:00"),
    ];

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddOpenTelemetry().WithTracing(tracing => tracing.AddKumaTipInstruments().AddInMemoryExporter(Spans));

    /// <summary>The spans of one trace, once <paramref name="complete"/> holds for them (spans end after the work they time).</summary>
    public async Task<List<Activity>> TraceAsync(ActivityTraceId traceId, Func<List<Activity>, bool> complete)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(100))
        {
            var trace = Spans.Snapshot().Where(s => s.TraceId == traceId).ToList();

            if (complete(trace) || waited > TimeSpan.FromSeconds(10))
            {
                return trace;
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>The exporter adds from the threads that end spans while a test reads: both under one lock.</summary>
public sealed class SpanCollection : Collection<Activity>
{
    private readonly Lock _gate = new();

    public List<Activity> Snapshot()
    {
        lock (_gate)
        {
            return [.. this];
        }
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}
