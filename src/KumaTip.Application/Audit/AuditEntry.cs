namespace KumaTip.Application.Audit;

/// <summary>One change made by someone: who, when, in which tenant, to what, and which fields (names only, never values).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public Guid? UserId { get; set; }

    public required string UserName { get; set; }

    public Guid? TenantId { get; set; }

    public required string ObjectType { get; set; }

    public required string ObjectId { get; set; }

    public string? ObjectName { get; set; }

    public required string Action { get; set; }

    /// <summary>Comma-separated names of the changed fields.</summary>
    public string? ChangedFields { get; set; }
}
