namespace KumaTip.Application.Tenancy;

public sealed class Tenant
{
    public const int MaxNameLength = 128;
    public const string MainTenantName = "Main";

    /// <summary>How many days of events a tenant keeps unless a General administrator says otherwise.</summary>
    public const int DefaultRetentionDays = 90;

    public const int MinRetentionDays = 1;

    /// <summary>
    /// A year: the longest retention decides how many daily partitions PostgreSQL keeps (ADR 013), and every query that
    /// cannot name its days plans and locks all of them: ten years would be 3,650 partitions a table, a year is 373 (ADR 015).
    /// Keeping events longer is an archive's job, not the lookup database's.
    /// </summary>
    public const int MaxRetentionDays = 365;

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Events older than this many days are removed by the retention job (and refused at ingestion).</summary>
    public int RetentionDays { get; set; } = DefaultRetentionDays;
}

/// <summary>Marks an entity that belongs to one tenant; <see cref="Persistence.AppDbContext"/> filters every query of such entities by <see cref="TenantAccess"/>.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
