using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets.Sealing;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Secrets.Rotation;

/// <summary>Which master keys the stored data keys are wrapped with: the start-up check and rotation ask here.</summary>
public sealed class MasterKeyUsage(AppDbContext db, MasterKeyRing ring)
{
    /// <summary>The distinct master key ids of every secret and proxy server, of all tenants.</summary>
    public async Task<IReadOnlyList<string>> KeyIdsInUseAsync(CancellationToken ct)
    {
        var secretKeys = await db.Set<Secret>().IgnoreQueryFilters().Select(s => s.MasterKeyId).Distinct().ToListAsync(ct);
        var proxyKeys = await db.Set<ProxyServer>().IgnoreQueryFilters().Select(p => p.MasterKeyId).Distinct().ToListAsync(ct);
        return [.. secretKeys.Union(proxyKeys, StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Fails, naming the missing keys and how to bring them back, when data is sealed with a key the ring lacks.</summary>
    public async Task<Result> EnsureKeysAvailableAsync(CancellationToken ct) => ring.EnsureKeysAvailable(await KeyIdsInUseAsync(ct));
}
