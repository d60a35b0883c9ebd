namespace KumaTip.Application.Tenancy;

public sealed class Tenant
{
    public const int MaxNameLength = 128;
    public const string MainTenantName = "Main";

    /// <summary>How many days of events a tenant keeps unless a General administrator says otherwise.</summary>
    public const int DefaultRetentionDays = 90;

    public const int MinRetentionDays = 1;

    /// <summary>Ten years: the longest retention decides how many daily partitions PostgreSQL keeps (ADR 013).</summary>
    public const int MaxRetentionDays = 3650;

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
