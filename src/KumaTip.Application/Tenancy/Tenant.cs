namespace KumaTip.Application.Tenancy;

public sealed class Tenant
{
    public const int MaxNameLength = 128;
    public const string MainTenantName = "Main";

    public Guid Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Marks an entity that belongs to one tenant; <see cref="Persistence.AppDbContext"/> filters every query of such entities by <see cref="TenantAccess"/>.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
