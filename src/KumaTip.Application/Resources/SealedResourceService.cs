using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets.Sealing;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Resources;

/// <summary>The services every sealed resource's service works with, handed over as one.</summary>
public sealed record SealedResourceDependencies(
    AppDbContext Db, SecretSealer Sealer, AuditLog Audit, CurrentUser User, TenantSelection Selection, IResourceUse Use, TimeProvider Time);

/// <summary>How messages, codes, audit entries and sealed values name one kind of resource.</summary>
/// <param name="ObjectType">Bound into each sealed value and the start of its codes: <c>secret</c>, <c>proxy</c>.</param>
/// <param name="Noun">One of them in a message: <c>secret</c>, <c>proxy server</c>.</param>
/// <param name="AuditObject">The object type of its audit entries.</param>
public sealed record ResourceKind(string ObjectType, string Noun, string AuditObject);

/// <summary>
/// Resources → Secrets and Resources → Proxies alike: administrators list, create, change and delete them in the
/// tenants they may see. A name is unique within its tenant; credentials are sealed under the resource's own data key
/// and never handed back; every change is audited with the fields it altered; a change made from a stale version is
/// refused; nothing is deleted while something uses it (<see cref="IResourceUse"/>). A kind of resource adds its
/// own rules in <see cref="Validate"/> and its own fields in <see cref="ApplyAsync"/>.
/// </summary>
public abstract class SealedResourceService<TResource, TInput, TSummary>(SealedResourceDependencies dependencies, ResourceKind kind)
    where TResource : SealedResource, new()
    where TInput : IResourceInput
{
    public const int MaxCredentialLength = 1024;

    private const string TenantField = "TenantId";

    protected TimeProvider Time => dependencies.Time;

    private AppDbContext Db => dependencies.Db;

    private DbSet<TResource> Resources => Db.Set<TResource>();

    /// <summary>Those of the tenants selected in the header.</summary>
    public async Task<IReadOnlyList<TSummary>> ListAsync(CancellationToken ct)
    {
        var selected = await dependencies.Selection.GetAsync(ct);
        return await SummariesAsync(Resources.Where(r => selected.Contains(r.TenantId)), ct);
    }

    /// <summary>Every one the user may see, whatever the header's selection (for choosing one in the settings).</summary>
    public Task<IReadOnlyList<TSummary>> ListAllAsync(CancellationToken ct) => SummariesAsync(Resources, ct);

    /// <summary>Not found also when it belongs to a tenant the user may not see.</summary>
    public async Task<Result<TSummary>> GetAsync(Guid id, CancellationToken ct) =>
        await SummariesAsync(Resources.Where(r => r.Id == id), ct) is [var found] ? found : NotFound();

    public async Task<Result<TSummary>> CreateAsync(TInput input, CancellationToken ct) =>
        Forbidden() ?? await SaveAsync(new TResource { Id = Guid.NewGuid() }, input, creating: true, ct);

    public async Task<Result<TSummary>> UpdateAsync(Guid id, TInput input, CancellationToken ct)
    {
        var found = await FindForChangeAsync(id, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        return input.Version is { } expected && expected != found.Value!.Version
            ? ChangedMeanwhile()
            : await SaveAsync(found.Value!, input, creating: false, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct)
    {
        var found = await FindForChangeAsync(id, ct);
        if (!found.Succeeded)
        {
            return found.Error!;
        }

        var resource = found.Value!;
        if (await dependencies.Use.RefuseDeletingAsync(resource, ct) is { } inUse)
        {
            return inUse;
        }

        Resources.Remove(resource);
        dependencies.Audit.Record(AuditActions.Delete, kind.AuditObject, id.ToString(), resource.Name, resource.TenantId);
        return await SaveChangesAsync(ct) ?? Result.Ok();
    }

    /// <summary>The input checked by the rules of this kind of resource, and cleaned; <paramref name="existing"/> is null on create.</summary>
    protected abstract Result<TInput> Validate(TInput input, TResource? existing);

    /// <summary>Sets and seals this kind's own fields, naming each one altered; an error leaves nothing saved.</summary>
    protected abstract Task<Error?> ApplyAsync(TResource resource, TInput input, ChangedFields changed, CancellationToken ct);

    protected abstract TSummary Summarise(TResource resource, string tenantName);

    protected static Error? CheckText(string? value, string field, string label, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Error.Invalid(field, $"{label} is required.") : null;
        }

        return value.Trim().Length > maxLength
            ? Error.Invalid(field, $"{label} must be at most {maxLength} characters.")
            : null;
    }

    /// <summary>Seals a value the user typed and names the field as changed; an empty value keeps the stored one.</summary>
    protected Error? Seal(TResource resource, ChangedFields changed, string field, string? value, Action<byte[]> set) =>
        string.IsNullOrEmpty(value) ? null : Store(dependencies.Sealer.Seal(resource.WrappedDataKey, Context(resource, field), value), changed, field, set);

    /// <inheritdoc cref="Seal(TResource, ChangedFields, string, string?, Action{byte[]})"/>
    protected Error? Seal(TResource resource, ChangedFields changed, string field, byte[]? value, Action<byte[]> set) =>
        value is not { Length: > 0 } ? null : Store(dependencies.Sealer.Seal(resource.WrappedDataKey, Context(resource, field), value), changed, field, set);

    protected Result<byte[]> Unseal(TResource resource, string field, byte[] sealedValue) =>
        dependencies.Sealer.Unseal(resource.WrappedDataKey, Context(resource, field), sealedValue);

    private static Error? Store(Result<byte[]> sealedValue, ChangedFields changed, string field, Action<byte[]> set)
    {
        if (!sealedValue.Succeeded)
        {
            return sealedValue.Error;
        }

        set(sealedValue.Value!);
        changed.Add(field);
        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private SealingContext Context(TResource resource, string field) => new(kind.ObjectType, resource.Id, resource.Name, field);

    private Error? Forbidden() =>
        dependencies.User.IsAdministrator ? null : new Error("forbidden", $"Only administrators can manage {kind.Noun}s.", ErrorKind.Forbidden);

    private Error NotFound() => Error.NotFound(char.ToUpperInvariant(kind.Noun[0]) + kind.Noun[1..]);

    private Error ChangedMeanwhile() => new(
        "changed_meanwhile", $"The {kind.Noun} was changed by someone else meanwhile. Open it again and repeat your change.", ErrorKind.Conflict);

    private async Task<Result<TResource>> FindForChangeAsync(Guid id, CancellationToken ct)
    {
        if (Forbidden() is { } forbidden)
        {
            return forbidden;
        }

        return await Resources.FirstOrDefaultAsync(r => r.Id == id, ct) is { } resource ? resource : NotFound();
    }

    /// <summary>Checks, applies, audits and saves a new or changed resource.</summary>
    private async Task<Result<TSummary>> SaveAsync(TResource resource, TInput input, bool creating, CancellationToken ct)
    {
        var common = CheckText(input.Name, "Name", "Name", SealedResource.MaxNameLength, required: true)
            ?? (input.TenantId is null || input.TenantId == Guid.Empty ? Error.Invalid(TenantField, "Choose a tenant.") : null)
            ?? CheckText(input.Description, "Description", "Description", SealedResource.MaxDescriptionLength, required: false);
        var valid = common ?? Validate(input, creating ? null : resource);
        if (!valid.Succeeded)
        {
            return valid.Error!;
        }

        input = valid.Value!;
        var (name, tenantId) = (input.Name!.Trim(), input.TenantId!.Value);
        if (tenantId != resource.TenantId && await TenantMissingAsync(tenantId, ct) is { } noTenant)
        {
            return noTenant;
        }

        if ((name != resource.Name || tenantId != resource.TenantId) && await NameTakenAsync(tenantId, name, resource.Id, ct))
        {
            return new Error($"{kind.ObjectType}_exists", $"A {kind.Noun} named '{name}' already exists in this tenant.", ErrorKind.Conflict) { Field = "Name" };
        }

        var now = Time.GetUtcNow();
        if (creating)
        {
            resource.WrappedDataKey = dependencies.Sealer.NewWrappedDataKey(kind.ObjectType, resource.Id);
            resource.MasterKeyId = dependencies.Sealer.KeyIdOf(resource.WrappedDataKey)!;
            resource.CreatedAt = now;
        }

        var changed = new ChangedFields();
        changed.Set("Name", resource.Name, name, v => resource.Name = v);
        changed.Set("Tenant", resource.TenantId, tenantId, v => resource.TenantId = v);
        if (await ApplyAsync(resource, input, changed, ct) is { } failed)
        {
            return failed;
        }

        changed.Set("Description", resource.Description, Clean(input.Description), v => resource.Description = v);
        if (changed.Count == 0)
        {
            return await SummaryAsync(resource, ct);
        }

        resource.Version++;
        resource.UpdatedAt = now;
        if (creating)
        {
            Resources.Add(resource);
        }

        dependencies.Audit.Record(creating ? AuditActions.Create : AuditActions.Update, kind.AuditObject, resource.Id.ToString(), resource.Name, resource.TenantId, changed);
        return await SaveChangesAsync(ct) is { } conflict ? conflict : await SummaryAsync(resource, ct);
    }

    private async Task<Error?> SaveChangesAsync(CancellationToken ct)
    {
        try
        {
            await Db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedMeanwhile();
        }
    }

    /// <summary>
    /// The tenant must exist and be one the user may see. The tenants' query filter decides both, so a tenant of
    /// someone else reads exactly like one that does not exist.
    /// </summary>
    private async Task<Error?> TenantMissingAsync(Guid tenantId, CancellationToken ct) =>
        await Db.Tenants.AnyAsync(t => t.Id == tenantId, ct)
            ? null
            : new Error("tenant_not_found", "The tenant was not found.", ErrorKind.NotFound) { Field = TenantField };

    private Task<bool> NameTakenAsync(Guid tenantId, string name, Guid exceptId, CancellationToken ct) =>
        Resources.IgnoreQueryFilters().AnyAsync(r => r.TenantId == tenantId && r.Name == name && r.Id != exceptId, ct);

    private async Task<TSummary> SummaryAsync(TResource resource, CancellationToken ct)
    {
        var tenantName = await Db.Tenants.AsNoTracking().Where(t => t.Id == resource.TenantId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return Summarise(resource, tenantName ?? string.Empty);
    }

    private async Task<IReadOnlyList<TSummary>> SummariesAsync(IQueryable<TResource> query, CancellationToken ct)
    {
        var resources = await query.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var tenants = await Db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        return [.. resources.Select(r => Summarise(r, tenants.GetValueOrDefault(r.TenantId, string.Empty)))];
    }
}
