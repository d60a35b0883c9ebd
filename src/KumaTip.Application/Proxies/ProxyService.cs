using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets;
using KumaTip.Application.Secrets.Sealing;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Proxies;

/// <summary>Resources → Proxies: proxy servers of the tenants the user may see; credentials sealed like a secret's.</summary>
public sealed class ProxyService(
    AppDbContext db,
    SecretSealer sealer,
    AuditLog audit,
    CurrentUser user,
    TenantSelection selection,
    TimeProvider time)
{
    private const string AuditObject = "Proxy";

    public async Task<IReadOnlyList<ProxySummary>> ListAsync(CancellationToken ct)
    {
        var selected = await selection.GetAsync(ct);
        return await SummariesAsync(db.Set<ProxyServer>().Where(p => selected.Contains(p.TenantId)), ct);
    }

    /// <summary>Every proxy server the user may see, whatever the header's selection (for choosing one in the settings).</summary>
    public Task<IReadOnlyList<ProxySummary>> ListAllAsync(CancellationToken ct) => SummariesAsync(db.Set<ProxyServer>(), ct);

    public async Task<ProxySummary?> FindAsync(Guid id, CancellationToken ct) =>
        (await SummariesAsync(db.Set<ProxyServer>().Where(p => p.Id == id), ct)).FirstOrDefault();

    public async Task<Result<ProxySummary>> CreateAsync(ProxyInput input, CancellationToken ct)
    {
        if (ResourceGuard.RequireAdministrator(user, "proxy servers") is { } forbidden)
        {
            return forbidden;
        }

        var valid = Validate(input);
        if (!valid.Succeeded)
        {
            return valid.Error!;
        }

        if (string.IsNullOrWhiteSpace(input.UserName) && !string.IsNullOrEmpty(input.Password))
        {
            return Error.Invalid("UserName", "Enter the user that goes with the password.");
        }

        if (await ResourceGuard.RequireTenantAsync(db, input.TenantId, ct) is { } noTenant)
        {
            return noTenant;
        }

        var (name, url, bypass) = valid.Value;
        var tenantId = input.TenantId!.Value;
        if (await NameTakenAsync(tenantId, name, exceptId: null, ct))
        {
            return NameTaken(name);
        }

        var id = Guid.NewGuid();
        var now = time.GetUtcNow();
        var wrappedKey = sealer.NewWrappedDataKey(ProxyFields.ObjectType, id);
        var proxy = new ProxyServer
        {
            Id = id,
            TenantId = tenantId,
            Name = name,
            Url = url,
            Bypass = bypass,
            Description = ResourceGuard.Clean(input.Description),
            WrappedDataKey = wrappedKey,
            MasterKeyId = sealer.KeyIdOf(wrappedKey)!,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        var changed = new List<string> { "Name", "Tenant", "Url" };
        if (SealCredentials(proxy, input, changed) is { } sealFailed)
        {
            return sealFailed;
        }

        if (bypass is not null)
        {
            changed.Add("Bypass");
        }

        if (proxy.Description is not null)
        {
            changed.Add("Description");
        }

        db.Set<ProxyServer>().Add(proxy);
        audit.Record(AuditActions.Create, AuditObject, id.ToString(), name, tenantId, changed);
        await db.SaveChangesAsync(ct);
        return await SummaryAsync(proxy, ct);
    }

    public async Task<Result<ProxySummary>> UpdateAsync(Guid id, ProxyInput input, CancellationToken ct)
    {
        if (ResourceGuard.RequireAdministrator(user, "proxy servers") is { } forbidden)
        {
            return forbidden;
        }

        var proxy = await db.Set<ProxyServer>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proxy is null)
        {
            return Error.NotFound("Proxy server");
        }

        if (input.ExpectedVersion is { } expected && expected != proxy.Version)
        {
            return ResourceGuard.ChangedMeanwhile("proxy server");
        }

        var valid = Validate(input);
        if (!valid.Succeeded)
        {
            return valid.Error!;
        }

        var keepsUser = !input.ClearCredentials && proxy.SealedUserName is not null;
        if (!input.ClearCredentials && string.IsNullOrWhiteSpace(input.UserName) && !keepsUser && !string.IsNullOrEmpty(input.Password))
        {
            return Error.Invalid("UserName", "Enter the user that goes with the password.");
        }

        if (input.TenantId != proxy.TenantId && await ResourceGuard.RequireTenantAsync(db, input.TenantId, ct) is { } noTenant)
        {
            return noTenant;
        }

        var (name, url, bypass) = valid.Value;
        var tenantId = input.TenantId!.Value;
        if ((name != proxy.Name || tenantId != proxy.TenantId) && await NameTakenAsync(tenantId, name, id, ct))
        {
            return NameTaken(name);
        }

        var changed = new List<string>();
        if (input.ClearCredentials && (proxy.SealedUserName is not null || proxy.SealedPassword is not null))
        {
            proxy.SealedUserName = null;
            proxy.SealedPassword = null;
            changed.AddRange(["UserName", "Password"]);
        }
        else if (SealCredentials(proxy, input with { Name = name }, changed) is { } sealFailed)
        {
            return sealFailed;
        }

        ResourceGuard.Change(changed, "Name", proxy.Name, name, v => proxy.Name = v);
        ResourceGuard.Change(changed, "Tenant", proxy.TenantId, tenantId, v => proxy.TenantId = v);
        ResourceGuard.Change(changed, "Url", proxy.Url, url, v => proxy.Url = v);
        ResourceGuard.Change(changed, "Bypass", proxy.Bypass, bypass, v => proxy.Bypass = v);
        ResourceGuard.Change(changed, "Description", proxy.Description, ResourceGuard.Clean(input.Description), v => proxy.Description = v);
        if (changed.Count == 0)
        {
            return await SummaryAsync(proxy, ct);
        }

        proxy.Version++;
        proxy.UpdatedAt = time.GetUtcNow();
        audit.Record(AuditActions.Update, AuditObject, id.ToString(), proxy.Name, proxy.TenantId, changed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ResourceGuard.ChangedMeanwhile("proxy server");
        }

        return await SummaryAsync(proxy, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct)
    {
        if (ResourceGuard.RequireAdministrator(user, "proxy servers") is { } forbidden)
        {
            return forbidden;
        }

        var proxy = await db.Set<ProxyServer>().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proxy is null)
        {
            return Error.NotFound("Proxy server");
        }

        if (await db.Set<ThreatLookupSettings>().AnyAsync(s => s.ProxyId == id, ct))
        {
            return new Error("proxy_in_use", "The proxy server is used by Settings → Kaspersky Threat Lookup. Choose another proxy server (or none) there first.", ErrorKind.Conflict);
        }

        db.Set<ProxyServer>().Remove(proxy);
        audit.Record(AuditActions.Delete, AuditObject, id.ToString(), proxy.Name, proxy.TenantId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ResourceGuard.ChangedMeanwhile("proxy server");
        }

        return Result.Ok();
    }

    private static Result<(string Name, string Url, string? Bypass)> Validate(ProxyInput input)
    {
        var error = ResourceGuard.CheckText(input.Name, "Name", "Name", ProxyServer.MaxNameLength, required: true)
            ?? (input.TenantId is null || input.TenantId == Guid.Empty ? Error.Invalid(ResourceGuard.TenantField, "Choose a tenant.") : null)
            ?? ResourceGuard.CheckText(input.UserName, "UserName", "User", SecretService.MaxCredentialLength, required: false)
            ?? ResourceGuard.CheckText(input.Password, "Password", "Password", SecretService.MaxCredentialLength, required: false)
            ?? ResourceGuard.CheckText(input.Description, "Description", "Description", ProxyServer.MaxDescriptionLength, required: false);
        if (error is not null)
        {
            return error;
        }

        var url = ProxyAddress.Parse(input.Url);
        if (!url.Succeeded)
        {
            return url.Error!;
        }

        var bypass = BypassList.Parse(input.Bypass);
        if (!bypass.Succeeded)
        {
            return bypass.Error!;
        }

        var entries = bypass.Value!;
        return (input.Name!.Trim(), url.Value!.ToString().TrimEnd('/'), entries.Count == 0 ? null : string.Join('\n', entries));
    }

    private static Error NameTaken(string name) =>
        new("proxy_exists", $"A proxy server named '{name}' already exists in this tenant.", ErrorKind.Conflict) { Field = "Name" };

    /// <summary>Seals the typed user and password (an empty field keeps the stored value) and names them as changed.</summary>
    private Error? SealCredentials(ProxyServer proxy, ProxyInput input, List<string> changed)
    {
        var name = input.Name!.Trim();
        if (!string.IsNullOrWhiteSpace(input.UserName))
        {
            var sealedUser = sealer.Seal(proxy.WrappedDataKey, new SealingContext(ProxyFields.ObjectType, proxy.Id, name, ProxyFields.UserName), input.UserName.Trim());
            if (!sealedUser.Succeeded)
            {
                return sealedUser.Error;
            }

            proxy.SealedUserName = sealedUser.Value;
            changed.Add("UserName");
        }

        if (!string.IsNullOrEmpty(input.Password))
        {
            var sealedPassword = sealer.Seal(proxy.WrappedDataKey, new SealingContext(ProxyFields.ObjectType, proxy.Id, name, ProxyFields.Password), input.Password);
            if (!sealedPassword.Succeeded)
            {
                return sealedPassword.Error;
            }

            proxy.SealedPassword = sealedPassword.Value;
            changed.Add("Password");
        }

        return null;
    }

    private Task<bool> NameTakenAsync(Guid tenantId, string name, Guid? exceptId, CancellationToken ct) =>
        db.Set<ProxyServer>().IgnoreQueryFilters().AnyAsync(p => p.TenantId == tenantId && p.Name == name && p.Id != exceptId, ct);

    private async Task<ProxySummary> SummaryAsync(ProxyServer proxy, CancellationToken ct)
    {
        var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == proxy.TenantId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return ProxySummary.Of(proxy, tenantName ?? string.Empty);
    }

    private async Task<IReadOnlyList<ProxySummary>> SummariesAsync(IQueryable<ProxyServer> query, CancellationToken ct)
    {
        var proxies = await query.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var tenants = await ResourceGuard.TenantNamesAsync(db, ct);
        return [.. proxies.Select(p => ProxySummary.Of(p, tenants.GetValueOrDefault(p.TenantId, string.Empty)))];
    }
}
