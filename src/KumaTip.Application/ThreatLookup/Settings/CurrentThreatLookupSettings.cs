using KumaTip.Application.Caching;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.ThreatLookup.Settings;

/// <summary>
/// The settings in force, read by every lookup and every task: from memory, read again from the database after
/// a saved change (in any instance). Each caller gets its own copy, so none can alter what the others read.
/// </summary>
public sealed class CurrentThreatLookupSettings(AppDbContext db, ChangeAwareCache<int, ThreatLookupSettings> cache)
{
    public async Task<ThreatLookupSettings> GetAsync(CancellationToken ct)
    {
        var settings = await cache.GetOrLoadAsync(ThreatLookupSettings.SingletonId, db, ReadAsync, _ => true, ct);
        return settings.Copy();
    }

    private static async Task<ThreatLookupSettings> ReadAsync(AppDbContext db, CancellationToken ct) =>
        await db.Set<ThreatLookupSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == ThreatLookupSettings.SingletonId, ct)
        ?? new ThreatLookupSettings();
}
