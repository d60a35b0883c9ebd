using KumaTip.Application.Audit;
using KumaTip.Application.Caching;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Retention;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Tenancy;

/// <param name="RetentionDays">Days of events kept, 1 to 365 (<see cref="Tenant.MaxRetentionDays"/>); when not given, 90 for a new tenant and unchanged for an existing one.</param>
public sealed record TenantInput(string? Name, string? Description, int? RetentionDays = null);

/// <summary>Tenants: listing what the current user may see, and (for General administrators) adding and renaming.</summary>
public sealed class TenantService(
    AppDbContext db, TenantAccess access, ChangeAwareCache<int, IReadOnlyList<Tenant>> allTenants, AuditLog audit, CurrentUser user, EventPartitions partitions, TimeProvider time)
{
    public const string RetentionOutOfRangeCode = "retention_out_of_range";

    /// <summary>Constant text, so that pages can show it in the reader's language (a resource key).</summary>
    public const string RetentionOutOfRangeMessage = "Retention must be from 1 to 365 days.";

    /// <summary>
    /// The tenants the current user may see, by name. Every page's header lists them, so all tenants are kept in
    /// memory until a tenant or user is saved, and filtered here as the query filter would.
    /// </summary>
    public async Task<List<Tenant>> ListAsync(CancellationToken ct)
    {
        var all = await allTenants.GetOrLoadAsync(0, db, ReadAllAsync, _ => true, ct);
        return all.Where(t => access.Allows(t.Id)).ToList();
    }

    private static async Task<IReadOnlyList<Tenant>> ReadAllAsync(AppDbContext db, CancellationToken ct) =>
        await db.Tenants.IgnoreQueryFilters().AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);

    public Task<Tenant?> FindAsync(Guid id, CancellationToken ct) =>
        db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);

    public async Task<Result<Tenant>> CreateAsync(TenantInput input, CancellationToken ct)
    {
        if (!user.IsGeneralAdministrator)
        {
            return new Error("forbidden", "Only a General administrator can add tenants.", ErrorKind.Forbidden);
        }

        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        var name = input.Name!.Trim();
        if (await db.Tenants.IgnoreQueryFilters().AnyAsync(t => t.Name == name, ct))
        {
            return new Error("tenant_exists", $"A tenant named '{name}' already exists.", ErrorKind.Conflict) { Field = "Name" };
        }

        var tenant = new Tenant
        {
            Id = Guid.NewGuid(),
            Name = name,
            Description = input.Description?.Trim(),
            CreatedAt = time.GetUtcNow(),
            RetentionDays = input.RetentionDays ?? Tenant.DefaultRetentionDays,
        };
        db.Tenants.Add(tenant);
        audit.Record(AuditActions.Create, "Tenant", tenant.Id.ToString(), tenant.Name, tenant.Id, ["Name", "Description", "RetentionDays"]);
        if (tenant.RetentionDays > Tenant.DefaultRetentionDays)
        {
            await partitions.EnsureRetainedAsync(tenant.RetentionDays, time.GetUtcNow(), ct);
        }
        await db.SaveChangesAsync(ct);
        return tenant;
    }

    public async Task<Result<Tenant>> UpdateAsync(Guid id, TenantInput input, CancellationToken ct)
    {
        if (!user.IsGeneralAdministrator)
        {
            return new Error("forbidden", "Only a General administrator can change tenants.", ErrorKind.Forbidden);
        }

        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (tenant is null)
        {
            return Error.NotFound("Tenant");
        }

        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        var name = input.Name!.Trim();
        if (await db.Tenants.IgnoreQueryFilters().AnyAsync(t => t.Name == name && t.Id != id, ct))
        {
            return new Error("tenant_exists", $"A tenant named '{name}' already exists.", ErrorKind.Conflict) { Field = "Name" };
        }

        var changed = new List<string>();
        if (tenant.Name != name)
        {
            changed.Add("Name");
        }

        if (tenant.Description != input.Description?.Trim())
        {
            changed.Add("Description");
        }

        var longerRetention = input.RetentionDays > tenant.RetentionDays;
        if (input.RetentionDays is { } days && days != tenant.RetentionDays)
        {
            changed.Add("RetentionDays");
            tenant.RetentionDays = days;
        }

        tenant.Name = name;
        tenant.Description = input.Description?.Trim();
        audit.Record(AuditActions.Update, "Tenant", tenant.Id.ToString(), tenant.Name, tenant.Id, changed);
        if (longerRetention)
        {
            // Events of the days the tenant now keeps are accepted at once: on PostgreSQL they need a partition.
            await partitions.EnsureRetainedAsync(tenant.RetentionDays, time.GetUtcNow(), ct);
        }

        await db.SaveChangesAsync(ct);
        return tenant;
    }

    /// <summary>Creates tenant Main when the database has no tenant at all (first start).</summary>
    public async Task EnsureMainTenantAsync(CancellationToken ct)
    {
        if (!await db.Tenants.IgnoreQueryFilters().AnyAsync(ct))
        {
            db.Tenants.Add(new Tenant { Id = Guid.NewGuid(), Name = Tenant.MainTenantName, CreatedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(ct);
        }
    }

    private static Error? Validate(TenantInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            return Error.Invalid("Name", "Name is required.");
        }

        if (input.Name.Trim().Length > Tenant.MaxNameLength)
        {
            return Error.Invalid("Name", $"Name must be at most {Tenant.MaxNameLength} characters.");
        }

        if (input.Description?.Length > 4000)
        {
            return Error.Invalid("Description", "Description must be at most 4000 characters.");
        }

        if (input.RetentionDays is < Tenant.MinRetentionDays or > Tenant.MaxRetentionDays)
        {
            return new Error(RetentionOutOfRangeCode, RetentionOutOfRangeMessage) { Field = "RetentionDays" };
        }

        return null;
    }
}
