using System.Diagnostics.Metrics;
using KumaTip.Application.Telemetry;
using KumaTip.Application.Tenancy;
using KumaTip.Application.ThreatLookup.Governance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.ThreatLookup.Quota;

/// <summary>
/// The licence as gauges: <c>kumatip_licence_requests_left</c> (0 once the period has ended) and
/// <c>kumatip_licence_requests_limit</c>, so an alert can compare the two: one series for the whole licence, without
/// tags, and once the licence is shared among tenants one per tenant tagged <see cref="TenantTag"/> (its share, or the
/// pool it draws on with the other tenants without a share). Read from the database at most once per interval, never
/// once per scrape.
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
        services.GetRequiredService<TenantAccess>().GrantAll();
        var (standing, tenants) = await services.GetRequiredService<LicenceUsageQueries>().ReaderStandingAsync(ct);
        RequestsLeft licence = new(null, standing.PeriodEnded ? 0 : standing.Licence.Remaining, standing.Licence.Limit);
        return tenants.Any(t => t.Share is not null)
            ? [licence, .. tenants.Select(t => new RequestsLeft(t.TenantName, standing.PeriodEnded ? 0 : t.Remaining, t.Limit))]
            : [licence];
    }

    /// <param name="Tenant">The tenant of a licence share; null for the licence as a whole.</param>
    private sealed record RequestsLeft(string? Tenant, long Left, long Limit);
}
