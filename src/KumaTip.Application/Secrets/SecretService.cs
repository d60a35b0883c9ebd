using System.Security.Cryptography;
using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.Secrets.Sealing;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Secrets;

/// <summary>
/// Resources → Secrets: list, create, change and delete <c>kti</c> secrets of the tenants the user may see.
/// Every credential is sealed before it reaches the database and is never handed back; the PFX is checked
/// before anything is stored.
/// </summary>
public sealed class SecretService(
    AppDbContext db,
    SecretSealer sealer,
    PfxInspector inspector,
    AuditLog audit,
    CurrentUser user,
    TenantSelection selection,
    TimeProvider time)
{
    public const int MaxCredentialLength = 1024;

    private const string AuditObject = "Secret";

    /// <summary>Secrets of the tenants selected in the header.</summary>
    public async Task<IReadOnlyList<SecretSummary>> ListAsync(CancellationToken ct)
    {
        var selected = await selection.GetAsync(ct);
        return await SummariesAsync(db.Set<Secret>().Where(s => selected.Contains(s.TenantId)), ct);
    }

    /// <summary>Every secret the user may see, whatever the header's selection (for choosing one in the settings).</summary>
    public Task<IReadOnlyList<SecretSummary>> ListAllAsync(CancellationToken ct) => SummariesAsync(db.Set<Secret>(), ct);

    public async Task<SecretSummary?> FindAsync(Guid id, CancellationToken ct) =>
        (await SummariesAsync(db.Set<Secret>().Where(s => s.Id == id), ct)).FirstOrDefault();

    public async Task<Result<SecretSummary>> CreateAsync(SecretInput input, CancellationToken ct)
    {
        if (ResourceGuard.RequireAdministrator(user, "secrets") is { } forbidden)
        {
            return forbidden;
        }

        if ((ValidateDescriptive(input) ?? ValidateCredentials(input, creating: true)) is { } invalid)
        {
            return invalid;
        }

        if (await ResourceGuard.RequireTenantAsync(db, input.TenantId, ct) is { } noTenant)
        {
            return noTenant;
        }

        var now = time.GetUtcNow();
        var certificate = inspector.Inspect(input.Pfx, input.PfxPassword, now);
        if (!certificate.Succeeded)
        {
            return certificate.Error!;
        }

        var name = input.Name!.Trim();
        var tenantId = input.TenantId!.Value;
        if (await NameTakenAsync(tenantId, name, exceptId: null, ct))
        {
            return NameTaken(name);
        }

        var id = Guid.NewGuid();
        var wrappedKey = sealer.NewWrappedDataKey(SecretFields.ObjectType, id);
        var sealedUser = Seal(wrappedKey, id, name, SecretFields.UserName, input.UserName!.Trim());
        var sealedPassword = Seal(wrappedKey, id, name, SecretFields.Password, input.Password!);
        var sealedPfx = sealer.Seal(wrappedKey, Context(id, name, SecretFields.Pfx), input.Pfx);
        var sealedPfxPassword = Seal(wrappedKey, id, name, SecretFields.PfxPassword, input.PfxPassword!);
        if (FirstError(sealedUser, sealedPassword, sealedPfx, sealedPfxPassword) is { } sealFailed)
        {
            return sealFailed;
        }

        var secret = new Secret
        {
            Id = id,
            TenantId = tenantId,
            Name = name,
            Type = SecretTypes.Kti,
            Description = ResourceGuard.Clean(input.Description),
            WrappedDataKey = wrappedKey,
            MasterKeyId = sealer.KeyIdOf(wrappedKey)!,
            SealedUserName = sealedUser.Value!,
            SealedPassword = sealedPassword.Value!,
            SealedPfx = sealedPfx.Value!,
            SealedPfxPassword = sealedPfxPassword.Value!,
            CertificateSubject = string.Empty,
            CertificateIssuer = string.Empty,
            CertificateThumbprint = string.Empty,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ApplyCertificate(secret, certificate.Value!);
        db.Set<Secret>().Add(secret);
        List<string> fields = ["Name", "Tenant", "Type", "UserName", "Password", "Pfx", "PfxPassword"];
        if (secret.Description is not null)
        {
            fields.Add("Description");
        }

        audit.Record(AuditActions.Create, AuditObject, id.ToString(), name, tenantId, fields);
        await db.SaveChangesAsync(ct);
        return await SummaryAsync(secret, ct);
    }

    public async Task<Result<SecretSummary>> UpdateAsync(Guid id, SecretInput input, CancellationToken ct)
    {
        if (ResourceGuard.RequireAdministrator(user, "secrets") is { } forbidden)
        {
            return forbidden;
        }

        var secret = await db.Set<Secret>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (secret is null)
        {
            return Error.NotFound("Secret");
        }

        if (input.ExpectedVersion is { } expected && expected != secret.Version)
        {
            return ResourceGuard.ChangedMeanwhile("secret");
        }

        if ((ValidateDescriptive(input) ?? ValidateCredentials(input, creating: false)) is { } invalid)
        {
            return invalid;
        }

        if (input.TenantId != secret.TenantId && await ResourceGuard.RequireTenantAsync(db, input.TenantId, ct) is { } noTenant)
        {
            return noTenant;
        }

        var now = time.GetUtcNow();
        var name = input.Name!.Trim();
        var tenantId = input.TenantId!.Value;
        var newPfx = input.Pfx is { Length: > 0 };
        var newPfxPassword = !string.IsNullOrEmpty(input.PfxPassword);
        PfxInfo? certificate = null;
        if (newPfx || newPfxPassword)
        {
            var checkedPfx = newPfx ? inspector.Inspect(input.Pfx, input.PfxPassword, now) : CheckStoredPfx(secret, input.PfxPassword!);
            if (!checkedPfx.Succeeded)
            {
                return checkedPfx.Error!;
            }

            certificate = checkedPfx.Value!;
        }

        if ((name != secret.Name || tenantId != secret.TenantId) && await NameTakenAsync(tenantId, name, id, ct))
        {
            return NameTaken(name);
        }

        var changed = new List<string>();
        var sealing = new List<(string Field, Result<byte[]> Sealed)>();
        if (!string.IsNullOrWhiteSpace(input.UserName))
        {
            sealing.Add((SecretFields.UserName, Seal(secret.WrappedDataKey, id, name, SecretFields.UserName, input.UserName.Trim())));
        }

        if (!string.IsNullOrEmpty(input.Password))
        {
            sealing.Add((SecretFields.Password, Seal(secret.WrappedDataKey, id, name, SecretFields.Password, input.Password)));
        }

        if (newPfx)
        {
            sealing.Add((SecretFields.Pfx, sealer.Seal(secret.WrappedDataKey, Context(id, name, SecretFields.Pfx), input.Pfx)));
        }

        if (newPfxPassword)
        {
            sealing.Add((SecretFields.PfxPassword, Seal(secret.WrappedDataKey, id, name, SecretFields.PfxPassword, input.PfxPassword!)));
        }

        if (FirstError([.. sealing.Select(s => s.Sealed)]) is { } sealFailed)
        {
            return sealFailed;
        }

        foreach (var (field, sealedValue) in sealing)
        {
            SetSealed(secret, field, sealedValue.Value!);
            changed.Add(field);
        }

        if (certificate is not null)
        {
            ApplyCertificate(secret, certificate);
        }

        var description = ResourceGuard.Clean(input.Description);
        ResourceGuard.Change(changed, "Name", secret.Name, name, v => secret.Name = v);
        ResourceGuard.Change(changed, "Tenant", secret.TenantId, tenantId, v => secret.TenantId = v);
        ResourceGuard.Change(changed, "Description", secret.Description, description, v => secret.Description = v);
        if (changed.Count == 0)
        {
            return await SummaryAsync(secret, ct);
        }

        secret.Version++;
        secret.UpdatedAt = now;
        audit.Record(AuditActions.Update, AuditObject, id.ToString(), secret.Name, secret.TenantId, changed);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ResourceGuard.ChangedMeanwhile("secret");
        }

        return await SummaryAsync(secret, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct)
    {
        if (ResourceGuard.RequireAdministrator(user, "secrets") is { } forbidden)
        {
            return forbidden;
        }

        var secret = await db.Set<Secret>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (secret is null)
        {
            return Error.NotFound("Secret");
        }

        if (await db.Set<ThreatLookupSettings>().AnyAsync(s => s.SecretId == id, ct))
        {
            return new Error("secret_in_use", "The secret is used by Settings → Kaspersky Threat Lookup. Choose another secret there first.", ErrorKind.Conflict);
        }

        db.Set<Secret>().Remove(secret);
        audit.Record(AuditActions.Delete, AuditObject, id.ToString(), secret.Name, secret.TenantId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ResourceGuard.ChangedMeanwhile("secret");
        }

        return Result.Ok();
    }

    private static Error? ValidateDescriptive(SecretInput input)
    {
        if (ResourceGuard.CheckText(input.Name, "Name", "Name", Secret.MaxNameLength, required: true) is { } name)
        {
            return name;
        }

        if (input.TenantId is null || input.TenantId == Guid.Empty)
        {
            return Error.Invalid(ResourceGuard.TenantField, "Choose a tenant.");
        }

        if (!string.Equals(input.Type?.Trim(), SecretTypes.Kti, StringComparison.Ordinal))
        {
            return Error.Invalid("Type", $"Type must be {SecretTypes.Kti}.");
        }

        return ResourceGuard.CheckText(input.Description, "Description", "Description", Secret.MaxDescriptionLength, required: false);
    }

    private static Error? ValidateCredentials(SecretInput input, bool creating)
    {
        var userName = ResourceGuard.CheckText(input.UserName, "UserName", "User", MaxCredentialLength, required: creating);
        var password = ResourceGuard.CheckText(input.Password, "Password", "Password", MaxCredentialLength, required: creating);
        var pfxPassword = ResourceGuard.CheckText(input.PfxPassword, "PfxPassword", "PFX password", MaxCredentialLength, required: creating);
        if ((userName ?? password) is { } error)
        {
            return error;
        }

        if (creating && input.Pfx is not { Length: > 0 })
        {
            return new Error("pfx_missing", "Choose a PFX file.") { Field = PfxInspector.PfxField };
        }

        if (input.Pfx is { Length: > 0 } && string.IsNullOrEmpty(input.PfxPassword))
        {
            return new Error("pfx_password_required", "Enter the password of the PFX file.") { Field = PfxInspector.PasswordField };
        }

        return pfxPassword;
    }

    private static void ApplyCertificate(Secret secret, PfxInfo certificate)
    {
        secret.CertificateSubject = certificate.Subject;
        secret.CertificateIssuer = certificate.Issuer;
        secret.CertificateThumbprint = certificate.Thumbprint;
        secret.CertificateNotBefore = certificate.NotBefore;
        secret.CertificateNotAfter = certificate.NotAfter;
    }

    private static void SetSealed(Secret secret, string field, byte[] value)
    {
        switch (field)
        {
            case SecretFields.UserName: secret.SealedUserName = value; break;
            case SecretFields.Password: secret.SealedPassword = value; break;
            case SecretFields.Pfx: secret.SealedPfx = value; break;
            case SecretFields.PfxPassword: secret.SealedPfxPassword = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a sealed field of a secret.");
        }
    }

    private static SealingContext Context(Guid id, string name, string field) => new(SecretFields.ObjectType, id, name, field);

    private static Error? FirstError(params Result<byte[]>[] results) =>
        results.FirstOrDefault(r => !r.Succeeded).Error;

    private static Error NameTaken(string name) =>
        new("secret_exists", $"A secret named '{name}' already exists in this tenant.", ErrorKind.Conflict) { Field = "Name" };

    private Result<byte[]> Seal(byte[] wrappedKey, Guid id, string name, string field, string value) =>
        sealer.Seal(wrappedKey, Context(id, name, field), value);

    /// <summary>A new PFX password without a new file: it must open the PFX already stored.</summary>
    private Result<PfxInfo> CheckStoredPfx(Secret secret, string pfxPassword)
    {
        var stored = sealer.Unseal(secret.WrappedDataKey, Context(secret.Id, secret.Name, SecretFields.Pfx), secret.SealedPfx);
        if (!stored.Succeeded)
        {
            return stored.Error!;
        }

        var pfx = stored.Value!;
        try
        {
            var checkedPfx = inspector.Inspect(pfx, pfxPassword, time.GetUtcNow());
            return checkedPfx.Succeeded || checkedPfx.Error!.Code != "pfx_password_wrong"
                ? checkedPfx
                : new Error("pfx_password_wrong", "The PFX password does not open the stored PFX file. Upload the PFX file together with its password.") { Field = PfxInspector.PasswordField };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pfx);
        }
    }

    private Task<bool> NameTakenAsync(Guid tenantId, string name, Guid? exceptId, CancellationToken ct) =>
        db.Set<Secret>().IgnoreQueryFilters().AnyAsync(s => s.TenantId == tenantId && s.Name == name && s.Id != exceptId, ct);

    private async Task<SecretSummary> SummaryAsync(Secret secret, CancellationToken ct)
    {
        var tenantName = await db.Tenants.AsNoTracking().Where(t => t.Id == secret.TenantId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        return SecretSummary.Of(secret, tenantName ?? string.Empty, time.GetUtcNow());
    }

    private async Task<IReadOnlyList<SecretSummary>> SummariesAsync(IQueryable<Secret> query, CancellationToken ct)
    {
        var secrets = await query.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var tenants = await ResourceGuard.TenantNamesAsync(db, ct);
        var now = time.GetUtcNow();
        return [.. secrets.Select(s => SecretSummary.Of(s, tenants.GetValueOrDefault(s.TenantId, string.Empty), now))];
    }
}
