using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>The <c>Events:Ingestion</c> section: how much one <c>POST /api/v1/events</c> may carry.</summary>
public sealed class EventIngestionOptions
{
    public const string Section = "Events:Ingestion";

    /// <summary>Events in one batch; a larger batch is refused whole with 413, so the sender can split it.</summary>
    [Range(1, 100_000)]
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>Bytes of one request body (16 MiB by default).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 16L * 1024 * 1024;
}
