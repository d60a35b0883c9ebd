using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.EntityFrameworkCore;
using Polly.CircuitBreaker;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>TIP's state for the Status block: read from the settings, the database and memory; no request to TIP.</summary>
/// <param name="SecretChosen">Whether the settings name a secret.</param>
/// <param name="CertificateNotAfter">The chosen secret's certificate end; null when none is chosen or the reader does not see its tenant.</param>
/// <param name="LastOutcome">This instance's last lookup outcome; null since start.</param>
/// <param name="Breaker">The circuit breaker; null until this instance's first lookup since start or a change.</param>
public sealed record TipState(bool SecretChosen, DateTimeOffset? CertificateNotAfter, TipLastOutcome? LastOutcome, CircuitState? Breaker, DateTimeOffset Now)
{
    public bool CertificateExpired => CertificateNotAfter < Now;

    /// <summary>Whole days until the certificate expires; negative once expired.</summary>
    public int? CertificateDaysLeft => CertificateNotAfter is { } notAfter ? (int)Math.Floor((notAfter - Now).TotalDays) : null;
}

public sealed class TipStateReader(AppDbContext db, CurrentThreatLookupSettings settings, TipClientStatus status, TimeProvider time)
{
    /// <summary>TIP's state as the current user may see it: the certificate only of a secret of his tenants.</summary>
    public async Task<TipState> ReadAsync(CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        var notAfter = current.SecretId is { } id ? await CertificateNotAfterAsync(db.Set<Secret>(), id, ct) : null;
        return new TipState(current.SecretId is not null, notAfter, status.LastOutcome, status.Breaker, time.GetUtcNow());
    }

    internal static async Task<DateTimeOffset?> CertificateNotAfterAsync(IQueryable<Secret> secrets, Guid secretId, CancellationToken ct) =>
        await secrets.AsNoTracking().Where(s => s.Id == secretId).Select(s => (DateTimeOffset?)s.CertificateNotAfter).FirstOrDefaultAsync(ct);
}
