using System.Diagnostics.Metrics;
using KumaTip.Application.Telemetry;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>Posted events: <c>kumatip_events_ingested_total</c> (stored) and <c>kumatip_events_rejected_total</c> (refused, reported by index).</summary>
public sealed class IngestionMetrics
{
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _rejected;

    public IngestionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(KumaTipTelemetry.Name);
        _ingested = meter.CreateCounter<long>("kumatip_events_ingested_total", description: "Posted events stored.");
        _rejected = meter.CreateCounter<long>("kumatip_events_rejected_total", description: "Posted events refused as invalid.");
    }

    /// <summary>Counts a batch's report and hands it back.</summary>
    public IngestionReport Counted(IngestionReport report)
    {
        _ingested.Add(report.Accepted);
        _rejected.Add(report.Rejected.Count);
        return report;
    }
}
