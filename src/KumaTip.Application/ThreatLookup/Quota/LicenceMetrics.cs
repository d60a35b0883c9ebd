using System.Diagnostics.Metrics;
using KumaTip.Application.Telemetry;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.ThreatLookup.Quota;

/// <summary>
/// The licence as gauges: <c>kumatip_licence_requests_left</c> (0 once the period has ended) and
/// <c>kumatip_licence_requests_limit</c>, so an alert can compare the two. Today one series for the whole licence,
/// without tags; once the licence is shared among tenants, each share adds its own series tagged
/// <see cref="TenantTag"/>. Read from the database at most once per interval, never once per scrape.
/// </summary>
public sealed class LicenceMetrics
{
    public const string TenantTag = "tenant";

    private readonly DatabaseReading<IReadOnlyList<RequestsLeft>> _reading;

    public LicenceMetrics(IMeterFactory meters, IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<LicenceMetrics> logger)
    {
        _reading = new DatabaseReading<IReadOnlyList<RequestsLeft>>("licence quota", ReadAsync, scopes, options, time, logger);
        var meter = meters.Create(KumaTipTelemetry.Name);
        meter.CreateObservableGauge("kumatip_licence_requests_left", () => Measure(r => r.Left), description: "Threat Lookup requests left in the licence period.");
        meter.CreateObservableGauge("kumatip_licence_requests_limit", () => Measure(r => r.Limit), description: "Threat Lookup requests the licence grants per period.");
    }

    private IEnumerable<Measurement<long>> Measure(Func<RequestsLeft, long> value) =>
        (_reading.Current() ?? []).Select(r => r.Tenant is null
            ? new Measurement<long>(value(r))
            : new Measurement<long>(value(r), new KeyValuePair<string, object?>(TenantTag, r.Tenant)));

    private static async Task<IReadOnlyList<RequestsLeft>> ReadAsync(IServiceProvider services, CancellationToken ct)
    {
        var settings = await services.GetRequiredService<CurrentThreatLookupSettings>().GetAsync(ct);
        var quota = await services.GetRequiredService<QuotaService>().GetAsync(new LicenceTerms(settings.LicenceQuota, settings.LicencePeriodEnd), ct);
        return [new RequestsLeft(null, quota.PeriodEnded ? 0 : quota.Remaining, quota.Limit)];
    }

    /// <param name="Tenant">The tenant of a licence share; null for the licence as a whole.</param>
    private sealed record RequestsLeft(string? Tenant, long Left, long Limit);
}
