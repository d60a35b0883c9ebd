using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.Events.Ingestion;

/// <summary>The <c>Events:Ingestion</c> section: how much one <c>POST /api/v1/events</c> may carry, and how far ahead its times may be.</summary>
public sealed class EventIngestionOptions
{
    public const string Section = "Events:Ingestion";

    /// <summary>Events in one batch; a larger batch is refused whole with 413, so the sender can split it.</summary>
    [Range(1, 100_000)]
    public int MaxEventsPerBatch { get; set; } = 10_000;

    /// <summary>Bytes of one request body (16 MiB by default).</summary>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How far ahead of the server's clock an event's Timestamp may be, for senders whose clocks drift.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The most <see cref="MaxClockSkew"/> can be (its range above): no stored event is later than its arrival by more,
    /// so the events list need not read the partitions of the days beyond (EventQueries.TimeSlices).
    /// </summary>
    public static readonly TimeSpan MaxClockSkewLimit = TimeSpan.FromDays(1);
}
