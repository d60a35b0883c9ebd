using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.Retention;

/// <summary>The <c>Retention</c> section: how often and in what steps old events and unused cache entries are removed.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Turns the background job off (tests and benchmarks run it themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job runs; it also runs at start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows one delete statement removes at most: each step is a short transaction that ingestion never waits for long.</summary>
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>A pause between two delete steps, so that the job leaves the database's I/O to ingestion and pages.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan PauseBetweenBatches { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>PostgreSQL: daily partitions created ahead of today, so that ingestion never meets a day without one.</summary>
    [Range(2, 60)]
    public int PartitionDaysAhead { get; set; } = 7;

    /// <summary>Threat Lookup cache entries no lookup asked for during this long are dropped (their freshness rules are unchanged).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan DropUnusedCacheEntriesAfter { get; set; } = TimeSpan.FromDays(180);
}
