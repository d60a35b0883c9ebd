using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets.DataProtectionKeys;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Secrets.Rotation;

/// <summary>Which master keys the stored data keys are wrapped with: the start-up check and rotation ask here.</summary>
public sealed class MasterKeyUsage(AppDbContext db, MasterKeyRing ring, StoredDataProtectionKeys dataProtectionKeys)
{
    /// <summary>The distinct master key ids of every secret, proxy server (of all tenants) and Data Protection key.</summary>
    public async Task<IReadOnlyList<string>> KeyIdsInUseAsync(CancellationToken ct)
    {
        var sealedData = await SecretAndProxyKeyIdsAsync(ct);
        var keyRing = await dataProtectionKeys.MasterKeyIdsAsync(ct);
        return [.. sealedData.Union(keyRing, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Fails, naming the missing keys and how to bring them back, when data is sealed with a key the ring lacks.</summary>
    public async Task<Result> EnsureKeysAvailableAsync(CancellationToken ct)
    {
        var sealedData = await SecretAndProxyKeyIdsAsync(ct);
        var everything = ring.EnsureKeysAvailable(sealedData.Union(await dataProtectionKeys.MasterKeyIdsAsync(ct), StringComparer.Ordinal));
        if (everything.Succeeded || !ring.EnsureKeysAvailable(sealedData).Succeeded)
        {
            return everything;
        }

        // Only the Data Protection keys miss it: a lost key then costs one sign-in per user, which the operator should know.
        return everything.Error! with
        {
            Message = everything.Error!.Message
                + " Only the Data Protection keys (sign-in cookies, form tokens) are sealed with it: if that master key is lost"
                + " for good, deleting the rows of table DataProtectionKeys lets the app start again and signs everyone out.",
        };
    }

    private async Task<IReadOnlyList<string>> SecretAndProxyKeyIdsAsync(CancellationToken ct)
    {
        var secretKeys = await db.Set<Secret>().IgnoreQueryFilters().Select(s => s.MasterKeyId).Distinct().ToListAsync(ct);
        var proxyKeys = await db.Set<ProxyServer>().IgnoreQueryFilters().Select(p => p.MasterKeyId).Distinct().ToListAsync(ct);
        return [.. secretKeys.Union(proxyKeys, StringComparer.Ordinal)];
    }
}
