using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.Resources;
using KumaTip.Application.Secrets;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>The secret and the proxy server chosen in the settings stay until another is chosen there.</summary>
internal sealed class ThreatLookupSettingsUse(AppDbContext db) : IResourceUse
{
    public async Task<Error?> RefuseDeletingAsync(SealedResource resource, CancellationToken ct)
    {
        var id = resource.Id;
        if (!await db.Set<ThreatLookupSettings>().AnyAsync(s => s.SecretId == id || s.ProxyId == id, ct))
        {
            return null;
        }

        return resource is Secret
            ? new Error("secret_in_use", "The secret is used by Settings → Kaspersky Threat Lookup. Choose another secret there first.", ErrorKind.Conflict)
            : new Error("proxy_in_use", "The proxy server is used by Settings → Kaspersky Threat Lookup. Choose another proxy server (or none) there first.", ErrorKind.Conflict);
    }
}
