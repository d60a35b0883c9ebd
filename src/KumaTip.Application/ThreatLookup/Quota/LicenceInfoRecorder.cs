using KumaTip.Application.Common;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KumaTip.Application.ThreatLookup.Quota;

/// <summary>
/// Records the account's daily counters that TIP sends with each answer (LicenseInfo: access type, requests today, the
/// day's quota), off the lookup's path. They are TIP's own figures, shown to administrators in the settings; nothing
/// decides on them (the licence counter that governs spending is <see cref="LicenseQuota.Used"/>, reserved before each
/// request). So the latest answer's figures win: one loop writes what is pending in one statement, a quarter of a second
/// after the answer that brought them (not beside the end of its task, and once for a burst of answers), and what comes
/// while it writes waits for the next. Written inside the answer's store, they would hold the licence row's lock
/// until its commit, and every other worker's reservation, which updates that row, would wait for it.
/// </summary>
/// <remarks>
/// A write lost with its process loses one snapshot of TIP's figures; the next answer brings them again. Figures older
/// than those stored (another instance wrote later ones) are not written.
/// </remarks>
public sealed class LicenceInfoRecorder(IServiceScopeFactory scopes, TimeProvider time, ILogger<LicenceInfoRecorder> logger) : CoalescingLoop
{
    private readonly Lock _gate = new();
    private (TipLicenseInfo Info, DateTimeOffset At)? _pending;

    protected override TimeSpan Gathering => TimeSpan.FromMilliseconds(250);

    /// <summary>Records the figures soon; the caller does not wait.</summary>
    public void Record(TipLicenseInfo info)
    {
        lock (_gate)
        {
            _pending = (info, time.GetUtcNow());
        }

        Wake();
    }

    /// <summary>Writes the latest figures; at stop too, so the last answer's reach the settings page of the next start.</summary>
    protected override async Task RunPendingAsync(CancellationToken ct)
    {
        (TipLicenseInfo Info, DateTimeOffset At)? due;
        lock (_gate)
        {
            (due, _pending) = (_pending, null);
        }

        if (due is not var (info, at))
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
            await scope.ServiceProvider.GetRequiredService<QuotaService>().RecordLicenseInfoAsync(info, at, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Shown figures stay a little older until the next answer; nothing depends on them.
            logger.LogWarning(e, "Recording TIP's licence figures failed");
        }
    }
}
