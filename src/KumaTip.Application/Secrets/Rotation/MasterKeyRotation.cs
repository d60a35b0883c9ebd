using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets.DataProtectionKeys;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KumaTip.Application.Secrets.Rotation;

/// <param name="Reseal">Also replace every data key and seal every field again (after a suspected leak of an old master key).</param>
/// <param name="RetireOld">Afterwards remove from the key file every master key nothing is sealed with any more.</param>
public sealed record MasterKeyRotationOptions(bool Reseal = false, bool RetireOld = false);

/// <summary>What a rotation did.</summary>
/// <param name="KeyAdded">False when the ring is configured (<c>Encryption:MasterKey</c>): the configured key was used.</param>
/// <param name="DataProtectionKeys">What happened to the stored Data Protection keys (their failures are in <paramref name="Failures"/> too).</param>
/// <param name="Failures">Objects that could not be re-wrapped (they keep their old key, which must therefore stay).</param>
/// <param name="KeysStillInUse">Keys other than the active one that data is still sealed with.</param>
public sealed record MasterKeyRotationReport(
    string ActiveKeyId,
    bool KeyAdded,
    int SecretsRewrapped,
    int ProxiesRewrapped,
    DataProtectionKeysRewrap DataProtectionKeys,
    IReadOnlyList<string> RetiredKeyIds,
    IReadOnlyList<string> KeysStillInUse,
    IReadOnlyList<Error> Failures);

/// <summary>
/// Master key rotation: a new master key becomes active, every secret's, proxy server's and Data Protection key's
/// data key is wrapped again under it (or, with <see cref="MasterKeyRotationOptions.Reseal"/>, replaced and every
/// field sealed again; Data Protection keys stored in the clear are sealed either way), then old keys can be retired
/// once nothing uses them. Safe to run while the app serves: each object is saved on
/// its own with its version checked, and a running instance picks up the key file change.
/// </summary>
public sealed class MasterKeyRotation(
    AppDbContext db,
    MasterKeyRing ring,
    SecretSealer sealer,
    MasterKeyUsage usage,
    StoredDataProtectionKeys dataProtectionKeys,
    AuditLog audit,
    TimeProvider time,
    ILogger<MasterKeyRotation> logger)
{
    private const int Attempts = 3;

    public async Task<Result<MasterKeyRotationReport>> RotateAsync(MasterKeyRotationOptions options, CancellationToken ct)
    {
        // Adding a key first and then failing to read the data would leave a key file that helps nobody.
        var available = await usage.EnsureKeysAvailableAsync(ct);
        if (!available.Succeeded)
        {
            return available.Error!;
        }

        var keyAdded = false;
        if (!ring.IsReadOnly)
        {
            var added = ring.AddKeyAndActivate();
            if (!added.Succeeded)
            {
                return added.Error!;
            }

            keyAdded = true;
        }

        var failures = new List<Error>();
        var secrets = 0;
        foreach (var id in await db.Set<Secret>().IgnoreQueryFilters().Select(s => s.Id).ToListAsync(ct))
        {
            var done = await RetryAsync(() => RewrapSecretAsync(id, options.Reseal, ct), ct);
            if (done.Succeeded)
            {
                secrets++;
            }
            else
            {
                failures.Add(done.Error!);
            }
        }

        var proxies = 0;
        foreach (var id in await db.Set<ProxyServer>().IgnoreQueryFilters().Select(p => p.Id).ToListAsync(ct))
        {
            var done = await RetryAsync(() => RewrapProxyAsync(id, options.Reseal, ct), ct);
            if (done.Succeeded)
            {
                proxies++;
            }
            else
            {
                failures.Add(done.Error!);
            }
        }

        var keyRing = await dataProtectionKeys.RewrapAsync(options.Reseal, ct);
        failures.AddRange(keyRing.Failures);

        audit.Record(AuditActions.Update, "MasterKey", ring.ActiveKeyId, ring.ActiveKeyId, null, options.Reseal ? ["DataKeys", "SealedFields"] : ["DataKeys"]);
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "Master key rotation: active key {KeyId}; {Secrets} secrets, {Proxies} proxy servers and {DataProtectionKeys} Data Protection keys ({SealedFromClear} of them stored in the clear until now) re-wrapped; {Failures} failed",
            ring.ActiveKeyId,
            secrets,
            proxies,
            keyRing.Rewrapped,
            keyRing.SealedFromClear,
            failures.Count);

        var retired = new List<string>();
        if (options.RetireOld && failures.Count == 0 && !ring.IsReadOnly)
        {
            foreach (var keyId in ring.KeyIds.Where(k => k != ring.ActiveKeyId))
            {
                var removed = await RetireAsync(keyId, ct);
                if (removed.Succeeded)
                {
                    retired.Add(keyId);
                }
            }
        }

        var stillInUse = (await usage.KeyIdsInUseAsync(ct)).Where(k => k != ring.ActiveKeyId).ToList();
        return new MasterKeyRotationReport(ring.ActiveKeyId, keyAdded, secrets, proxies, keyRing, retired, stillInUse, failures);
    }

    /// <summary>Removes a master key from the key file, after checking that nothing is sealed with it any more.</summary>
    public async Task<Result> RetireAsync(string keyId, CancellationToken ct)
    {
        if (!ring.Has(keyId))
        {
            return Error.NotFound($"Master key '{keyId}'");
        }

        var inUse = await usage.KeyIdsInUseAsync(ct);
        if (inUse.Contains(keyId, StringComparer.Ordinal))
        {
            return new Error(
                "master_key_in_use",
                $"Master key '{keyId}' still seals stored secrets, proxy servers or Data Protection keys. Run rotate-master-key first; it re-wraps them under the active key.",
                ErrorKind.Conflict);
        }

        var removed = ring.RemoveKey(keyId);
        if (removed.Succeeded)
        {
            logger.LogInformation("Master key {KeyId} retired", keyId);
        }

        return removed;
    }

    private static async Task<Result> RetryAsync(Func<Task<Result>> attempt, CancellationToken ct)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateConcurrencyException) when (i < Attempts)
            {
                // Someone saved the object meanwhile; read it again and redo it.
                await Task.Delay(TimeSpan.FromMilliseconds(50 * i), ct);
            }
        }
    }

    private async Task<Result> RewrapSecretAsync(Guid id, bool reseal, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var secret = await db.Set<Secret>().IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (secret is null)
        {
            return Result.Ok(); // deleted meanwhile: nothing to re-wrap
        }

        if (reseal)
        {
            var fields = new Dictionary<string, byte[]>
            {
                [SecretFields.UserName] = secret.SealedUserName,
                [SecretFields.Password] = secret.SealedPassword,
                [SecretFields.Pfx] = secret.SealedPfx,
                [SecretFields.PfxPassword] = secret.SealedPfxPassword,
            };
            var resealed = sealer.Reseal(secret.WrappedDataKey, SecretFields.ObjectType, secret.Id, secret.Name, fields);
            if (!resealed.Succeeded)
            {
                return resealed.Error!;
            }

            var sealedFields = resealed.Value!.SealedFields;
            secret.WrappedDataKey = resealed.Value.WrappedDataKey;
            secret.SealedUserName = sealedFields[SecretFields.UserName];
            secret.SealedPassword = sealedFields[SecretFields.Password];
            secret.SealedPfx = sealedFields[SecretFields.Pfx];
            secret.SealedPfxPassword = sealedFields[SecretFields.PfxPassword];

            // New ciphertexts under a new data key: an editor still holding the old ones must not write them back.
            secret.Version++;
            secret.UpdatedAt = time.GetUtcNow();
        }
        else
        {
            var rewrapped = sealer.Rewrap(secret.WrappedDataKey, SecretFields.ObjectType, secret.Id, secret.Name);
            if (!rewrapped.Succeeded)
            {
                return rewrapped.Error!;
            }

            secret.WrappedDataKey = rewrapped.Value!;
        }

        secret.MasterKeyId = sealer.KeyIdOf(secret.WrappedDataKey)!;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private async Task<Result> RewrapProxyAsync(Guid id, bool reseal, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var proxy = await db.Set<ProxyServer>().IgnoreQueryFilters().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (proxy is null)
        {
            return Result.Ok();
        }

        if (reseal)
        {
            var fields = new Dictionary<string, byte[]>();
            if (proxy.SealedUserName is { } user)
            {
                fields[ProxyFields.UserName] = user;
            }

            if (proxy.SealedPassword is { } password)
            {
                fields[ProxyFields.Password] = password;
            }

            var resealed = sealer.Reseal(proxy.WrappedDataKey, ProxyFields.ObjectType, proxy.Id, proxy.Name, fields);
            if (!resealed.Succeeded)
            {
                return resealed.Error!;
            }

            proxy.WrappedDataKey = resealed.Value!.WrappedDataKey;
            proxy.SealedUserName = resealed.Value.SealedFields.GetValueOrDefault(ProxyFields.UserName);
            proxy.SealedPassword = resealed.Value.SealedFields.GetValueOrDefault(ProxyFields.Password);
            proxy.Version++;
            proxy.UpdatedAt = time.GetUtcNow();
        }
        else
        {
            var rewrapped = sealer.Rewrap(proxy.WrappedDataKey, ProxyFields.ObjectType, proxy.Id, proxy.Name);
            if (!rewrapped.Succeeded)
            {
                return rewrapped.Error!;
            }

            proxy.WrappedDataKey = rewrapped.Value!;
        }

        proxy.MasterKeyId = sealer.KeyIdOf(proxy.WrappedDataKey)!;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
