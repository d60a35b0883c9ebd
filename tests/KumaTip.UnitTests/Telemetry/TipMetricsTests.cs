using System.Diagnostics.Metrics;
using KumaTip.Application.Common;
using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.Telemetry;
using KumaTip.Application.ThreatLookup.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KumaTip.UnitTests.Telemetry;

public sealed class TipMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeasurementRecorder _recorder;
    private readonly TipMetrics _metrics;

    public TipMetricsTests()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _recorder = new MeasurementRecorder(factory);
        var status = new TipClientStatus(new TipHttpClientCache(Options.Create(new TipClientOptions()), new PfxInspector(), TimeProvider.System));
        _metrics = new TipMetrics(
            factory, status, _services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new TelemetryOptions()), TimeProvider.System, NullLogger<TipMetrics>.Instance);
    }

    [Fact]
    public void A_request_is_timed_in_seconds_under_its_status_or_why_no_answer_came()
    {
        _metrics.RecordRequest(200, "error", TimeSpan.FromMilliseconds(250));
        _metrics.RecordRequest(null, "timeout", TimeSpan.FromSeconds(30));

        Assert.Equal([0.25], _recorder.Of("kumatip_tip_request_duration_seconds", "status", "200"));
        Assert.Equal([30.0], _recorder.Of("kumatip_tip_request_duration_seconds", "status", "timeout"));
    }

    [Fact]
    public void A_lookup_is_counted_by_its_outcome()
    {
        _metrics.RecordLookup(new TipLookupOutcome.NotFound());
        _metrics.RecordLookup(new TipLookupOutcome.QuotaRefused(new Error("quota_exhausted", "All used.")));

        Assert.Equal([1.0], _recorder.Of("kumatip_tip_lookups_total", "outcome", "not_found"));
        Assert.Equal([1.0], _recorder.Of("kumatip_tip_lookups_total", "outcome", "quota_refused"));
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _services.Dispose();
    }
}
