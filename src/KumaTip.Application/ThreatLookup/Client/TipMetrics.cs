using System.Diagnostics.Metrics;
using System.Globalization;
using KumaTip.Application.Secrets;
using KumaTip.Application.Telemetry;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// TIP as metrics: the time of each request sent (<c>kumatip_tip_request_duration_seconds</c>, by HTTP status, or
/// <c>timeout</c>, <c>error</c>, <c>cancelled</c>), lookups by how they ended (<c>kumatip_tip_lookups_total</c>), and
/// gauges of its state, none of which sends a request: when each outcome last happened, whether the breaker is open,
/// and the days left on the chosen secret's client certificate (read from the database at most once per interval).
/// </summary>
public sealed class TipMetrics
{
    private const string StatusTag = "status";
    private const string OutcomeTag = "outcome";

    /// <summary>The tag values for statuses 100-599, made once: recording a request allocates nothing.</summary>
    private static readonly string[] StatusCodes = Enumerable.Range(100, 500).Select(code => code.ToString(CultureInfo.InvariantCulture)).ToArray();

    private readonly Histogram<double> _requestDuration;
    private readonly Counter<long> _lookups;
    private readonly DatabaseReading<CertificateReading> _certificate;
    private readonly TimeProvider _time;

    public TipMetrics(
        IMeterFactory meters, TipClientStatus status, IServiceScopeFactory scopes, IOptions<TelemetryOptions> options, TimeProvider time, ILogger<TipMetrics> logger)
    {
        _time = time;
        _certificate = new DatabaseReading<CertificateReading>("client certificate", ReadCertificateAsync, scopes, options, time, logger);
        var meter = meters.Create(KumaTipTelemetry.Name);
        _requestDuration = meter.CreateHistogram(
            "kumatip_tip_request_duration_seconds",
            unit: "s",
            description: "Time of each request sent to TIP, by its HTTP status (or timeout, error, cancelled).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        _lookups = meter.CreateCounter<long>(
            "kumatip_tip_lookups_total", description: "TIP lookups by outcome: " + string.Join(", ", TipClientStatus.OutcomeNames) + ".");
        meter.CreateObservableGauge(
            "kumatip_tip_last_outcome_timestamp_seconds",
            () => status.LastTimes().Select(last => new Measurement<double>(last.At.ToUnixTimeMilliseconds() / 1000.0, new KeyValuePair<string, object?>(OutcomeTag, last.Outcome))),
            unit: "s",
            description: "When a TIP lookup last ended with each outcome (Unix time), in this instance.");
        meter.CreateObservableGauge(
            "kumatip_tip_breaker_open",
            () => status.Breaker is { } state ? [new Measurement<int>(state is CircuitState.Open or CircuitState.Isolated ? 1 : 0)] : Array.Empty<Measurement<int>>(),
            description: "1 while the circuit breaker holds requests to TIP back, in this instance.");
        meter.CreateObservableGauge(
            "kumatip_tip_client_certificate_days_left",
            () => _certificate.Current()?.NotAfter is { } notAfter ? [new Measurement<double>((notAfter - _time.GetUtcNow()).TotalDays)] : Array.Empty<Measurement<double>>(),
            description: "Days until the client certificate of the chosen secret expires; negative once expired.");
    }

    /// <param name="status">TIP's HTTP status, or null when no answer came.</param>
    /// <param name="noAnswer">Why no answer came: <c>timeout</c>, <c>error</c> or <c>cancelled</c>.</param>
    internal void RecordRequest(int? status, string noAnswer, TimeSpan duration)
    {
        var tag = status is >= 100 and <= 599 ? StatusCodes[status.Value - 100] : status is null ? noAnswer : "other";
        _requestDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>(StatusTag, tag));
    }

    internal void RecordLookup(TipLookupOutcome outcome) =>
        _lookups.Add(1, new KeyValuePair<string, object?>(OutcomeTag, TipClientStatus.NameOf(outcome)));

    private static async Task<CertificateReading> ReadCertificateAsync(IServiceProvider services, CancellationToken ct)
    {
        var settings = await services.GetRequiredService<CurrentThreatLookupSettings>().GetAsync(ct);
        var secrets = services.GetRequiredService<Persistence.AppDbContext>().Set<Secret>().IgnoreQueryFilters();
        return new CertificateReading(settings.SecretId is { } id ? await TipStateReader.CertificateNotAfterAsync(secrets, id, ct) : null);
    }

    private sealed record CertificateReading(DateTimeOffset? NotAfter);
}
