using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.ThreatLookup.Quota;

public sealed record QuotaStatus(
    int Limit,
    int Used,
    int Remaining,
    DateOnly? PeriodEnd,
    bool PeriodEnded,
    string? AccessType,
    long? DayRequests,
    long? DayQuota,
    DateTimeOffset? LicenseInfoAt);

/// <summary>
/// The licence budget. A request is reserved by one conditional UPDATE (<c>Used &lt; Limit</c>), so two workers or two
/// app instances can never overspend; it counts whatever TIP answers, because TIP counts it too.
/// </summary>
public sealed class QuotaService(AppDbContext db, TimeProvider time)
{
    public async Task<QuotaStatus> GetAsync(LicenceTerms terms, CancellationToken ct)
    {
        var q = await CurrentPeriodAsync(terms, ct);
        return new QuotaStatus(
            terms.Limit, q.Used, Math.Max(0, terms.Limit - q.Used), terms.PeriodEnd, PeriodEnded(terms.PeriodEnd),
            q.AccessType, q.DayRequests, q.DayQuota, q.LicenseInfoAt);
    }

    /// <summary>Refuses before anything is queued when nothing is left; cached data needs no budget.</summary>
    public async Task<Result> EnsureAvailableAsync(LicenceTerms terms, CancellationToken ct) => Check(await GetAsync(terms, ct));

    /// <summary>The same, for a count read with other figures (the period the settings name is the one counted).</summary>
    public Result Check(LicenceTerms terms, int used) =>
        Check(new QuotaStatus(terms.Limit, used, Math.Max(0, terms.Limit - used), terms.PeriodEnd, PeriodEnded(terms.PeriodEnd), null, null, null, null));

    /// <summary>Reserves one upstream request; call right before sending it.</summary>
    public async Task<Result> TryReserveAsync(LicenceTerms terms, CancellationToken ct)
    {
        var limit = terms.Limit;
        if (!PeriodEnded(terms.PeriodEnd))
        {
            // The common case in one statement: the row already counts the period the settings name and has room.
            // Anything else (a new period to start, nothing left) takes the path below, which explains a refusal.
            var end = terms.PeriodEnd;
            var counted = end is null ? CounterWithRoom(limit) : CounterWithRoom(limit).Where(q => q.PeriodEnd == end);
            if (await counted.ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used + 1), ct) == 1)
            {
                return Result.Ok();
            }
        }

        await CurrentPeriodAsync(terms, ct);
        var reserved = PeriodEnded(terms.PeriodEnd)
            ? 0
            : await CounterWithRoom(limit).ExecuteUpdateAsync(s => s.SetProperty(q => q.Used, q => q.Used + 1), ct);
        if (reserved == 1)
        {
            return Result.Ok();
        }

        var status = await GetAsync(terms, ct);
        return Check(status) is { Error: { } error } ? error : Exhausted(status);
    }

    /// <summary>
    /// Records the account's daily counters from LicenseInfo at once (Test connection, whose result the administrator
    /// reads next); a lookup's answer records them off its path (<see cref="LicenceInfoRecorder"/>).
    /// </summary>
    public Task RecordLicenseInfoAsync(TipLicenseInfo info, CancellationToken ct) => RecordLicenseInfoAsync(info, time.GetUtcNow(), ct);

    /// <summary>Records the counters TIP sent at <paramref name="at"/>, unless later ones are stored already.</summary>
    public Task RecordLicenseInfoAsync(TipLicenseInfo info, DateTimeOffset at, CancellationToken ct) =>
        db.LicenseQuota.Where(q => q.Id == LicenseQuota.SingletonId && (q.LicenseInfoAt == null || q.LicenseInfoAt < at))
            .ExecuteUpdateAsync(
                s => s.SetProperty(q => q.AccessType, info.AccessType).SetProperty(q => q.DayRequests, info.DayRequests)
                    .SetProperty(q => q.DayQuota, info.DayQuota).SetProperty(q => q.LicenseInfoAt, at),
                ct);

    private IQueryable<LicenseQuota> CounterWithRoom(int limit) =>
        db.LicenseQuota.Where(q => q.Id == LicenseQuota.SingletonId && q.Used < limit);

    /// <summary>The counter row; when the settings name a later period end than the one counted, a new period starts at 0.</summary>
    private async Task<LicenseQuota> CurrentPeriodAsync(LicenceTerms terms, CancellationToken ct)
    {
        var q = await db.LicenseQuota.AsNoTracking().FirstAsync(x => x.Id == LicenseQuota.SingletonId, ct);
        if (terms.PeriodEnd is { } end && (q.PeriodEnd is null || end > q.PeriodEnd))
        {
            var old = q.PeriodEnd;
            // Conditional on the old value, so two instances noticing the new period reset it once.
            await db.LicenseQuota.Where(x => x.Id == LicenseQuota.SingletonId && x.PeriodEnd == old)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Used, 0).SetProperty(x => x.PeriodEnd, end), ct);
            q = await db.LicenseQuota.AsNoTracking().FirstAsync(x => x.Id == LicenseQuota.SingletonId, ct);
        }

        return q;
    }

    private static Result Check(QuotaStatus status) =>
        status.PeriodEnded
            ? new Error("licence_period_ended", $"The licence period ended on {status.PeriodEnd:yyyy-MM-dd}. An administrator sets the new period in Settings → Kaspersky Threat Lookup. Cached data is still available.", ErrorKind.Forbidden)
            : status.Remaining == 0 ? Exhausted(status) : Result.Ok();

    private static Error Exhausted(QuotaStatus status) =>
        status.PeriodEnd is { } end
            ? new("quota_exhausted", $"All {status.Limit} Threat Lookup requests of the licence period ending {end:yyyy-MM-dd} are used. They renew on {end.AddDays(1):yyyy-MM-dd} 00:00 UTC. Cached data is still available.", ErrorKind.Forbidden)
            : new("quota_exhausted", $"All {status.Limit} Threat Lookup requests of the licence period are used. Cached data is still available.", ErrorKind.Forbidden);

    private bool PeriodEnded(DateOnly? end) => end is { } e && e < Today();

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
}
