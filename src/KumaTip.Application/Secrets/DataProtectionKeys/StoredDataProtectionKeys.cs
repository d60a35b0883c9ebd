using System.Xml;
using System.Xml.Linq;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Secrets.DataProtectionKeys;

/// <summary>What was done to the stored Data Protection keys.</summary>
/// <param name="Rewrapped">Keys whose sealed part was written again, now under the active master key.</param>
/// <param name="SealedFromClear">Of those, keys that were stored in the clear (written before keys were sealed).</param>
/// <param name="Failures">Keys that could not be re-wrapped; they keep their old master key, which must therefore stay.</param>
public sealed record DataProtectionKeysRewrap(int Rewrapped, int SealedFromClear, IReadOnlyList<Error> Failures);

/// <summary>
/// The Data Protection key ring rows in the database, as the start-up check and master key rotation see them.
/// The framework only ever adds rows, and every instance keeps the ring it read in memory, so rewriting a row's
/// sealed part in place is invisible to running instances: the key itself does not change.
/// </summary>
public sealed class StoredDataProtectionKeys(AppDbContext db, SecretSealer sealer, MasterKeyXmlEncryptor encryptor)
{
    private static readonly XNamespace FrameworkNamespace = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName EncryptedSecretName = FrameworkNamespace + "encryptedSecret";
    private static readonly XName RequiresEncryptionName = FrameworkNamespace + "requiresEncryption";

    private enum SealedKeys
    {
        Keep,
        Rewrap,
        Reseal,
    }

    private enum RowChange
    {
        None,
        Rewrapped,
        SealedFromClear,
    }

    /// <summary>The master key ids the stored keys are sealed with, expired keys included (the framework still reads them).</summary>
    public async Task<IReadOnlyList<string>> MasterKeyIdsAsync(CancellationToken ct)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var xml in await db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync(ct))
        {
            foreach (var element in Parse(xml)?.Descendants(SealedKeyElement.Name) ?? [])
            {
                if (SealedKeyElement.TryRead(element) is { } sealedKey && sealer.KeyIdOf(sealedKey.WrappedDataKey) is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return [.. ids];
    }

    /// <summary>
    /// Seals the keys an earlier version stored in the clear and leaves sealed keys as they are. Run at start-up, so
    /// a copy of the database taken from then on reveals none of them; idempotent, safe with several instances.
    /// </summary>
    public Task<DataProtectionKeysRewrap> SealKeysInClearAsync(CancellationToken ct) => RenewAsync(SealedKeys.Keep, ct);

    /// <summary>
    /// Wraps every sealed key's data key under the active master key (with <paramref name="reseal"/>, replaces the
    /// data key and seals the key again), and seals the keys still stored in the clear.
    /// </summary>
    public Task<DataProtectionKeysRewrap> RewrapAsync(bool reseal, CancellationToken ct) =>
        RenewAsync(reseal ? SealedKeys.Reseal : SealedKeys.Rewrap, ct);

    private static XElement? Parse(string? xml)
    {
        if (string.IsNullOrEmpty(xml))
        {
            return null;
        }

        try
        {
            return XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return null; // the framework cannot read it either; nothing in it counts as sealed
        }
    }

    /// <summary>Elements the framework marked as secret that were stored as they are (no encryptor was configured).</summary>
    private static IEnumerable<XElement> InClear(XElement root) =>
        root.Descendants().Where(e => (string?)e.Attribute(RequiresEncryptionName) == "true" && !e.Ancestors(EncryptedSecretName).Any());

    private static Error Damaged(string keyName, string why) =>
        new(SealingErrors.UnsealFailed, $"The Data Protection key {keyName} cannot be re-wrapped: {why}.", ErrorKind.Unavailable);

    private async Task<DataProtectionKeysRewrap> RenewAsync(SealedKeys sealedKeys, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var rewrapped = 0;
        var fromClear = 0;
        var failures = new List<Error>();
        foreach (var row in await db.DataProtectionKeys.OrderBy(k => k.Id).ToListAsync(ct))
        {
            var done = Renew(row, sealedKeys);
            if (!done.Succeeded)
            {
                failures.Add(done.Error!);
                continue;
            }

            if (done.Value is RowChange.None)
            {
                continue;
            }

            // One row at a time: a failure later leaves the rows already done re-wrapped.
            await db.SaveChangesAsync(ct);
            rewrapped++;
            fromClear += done.Value is RowChange.SealedFromClear ? 1 : 0;
        }

        db.ChangeTracker.Clear();
        return new DataProtectionKeysRewrap(rewrapped, fromClear, failures);
    }

    private Result<RowChange> Renew(DataProtectionKey row, SealedKeys sealedKeys)
    {
        var keyName = row.FriendlyName ?? $"#{row.Id}";
        var root = Parse(row.Xml);
        if (root is null)
        {
            return sealedKeys is SealedKeys.Keep ? RowChange.None : Damaged(keyName, "its stored XML cannot be read");
        }

        var change = RowChange.None;
        foreach (var element in sealedKeys is SealedKeys.Keep ? [] : root.Descendants(SealedKeyElement.Name).ToList())
        {
            var sealedKey = SealedKeyElement.TryRead(element);
            if (sealedKey is null)
            {
                return Damaged(keyName, "its sealed element is damaged or has an unknown format");
            }

            var renewed = sealedKeys is SealedKeys.Reseal ? Reseal(sealedKey) : Rewrap(sealedKey);
            if (!renewed.Succeeded)
            {
                return renewed.Error!;
            }

            element.ReplaceWith(renewed.Value!.ToXml(sealer.KeyIdOf(renewed.Value.WrappedDataKey)!));
            change = RowChange.Rewrapped;
        }

        foreach (var element in InClear(root).ToList())
        {
            // The shape the framework itself writes around an encryptor's output, so it reads the key back as usual.
            var encrypted = encryptor.Encrypt(element);
            element.ReplaceWith(new XElement(
                EncryptedSecretName,
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                encrypted.EncryptedElement));
            change = RowChange.SealedFromClear;
        }

        if (change is not RowChange.None)
        {
            row.Xml = root.ToString(SaveOptions.DisableFormatting);
        }

        return change;
    }

    private Result<SealedKeyElement> Rewrap(SealedKeyElement sealedKey)
    {
        var context = sealedKey.Context;
        var rewrapped = sealer.Rewrap(sealedKey.WrappedDataKey, context.ObjectType, context.ObjectId, context.ObjectName);
        return rewrapped.Succeeded ? sealedKey with { WrappedDataKey = rewrapped.Value! } : rewrapped.Error!;
    }

    private Result<SealedKeyElement> Reseal(SealedKeyElement sealedKey)
    {
        var context = sealedKey.Context;
        var resealed = sealer.Reseal(
            sealedKey.WrappedDataKey,
            context.ObjectType,
            context.ObjectId,
            context.ObjectName,
            new Dictionary<string, byte[]> { [context.Field] = sealedKey.SealedValue });
        return resealed.Succeeded
            ? sealedKey with { WrappedDataKey = resealed.Value!.WrappedDataKey, SealedValue = resealed.Value.SealedFields[context.Field] }
            : resealed.Error!;
    }
}
