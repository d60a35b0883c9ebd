using System.Diagnostics;
using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.Telemetry;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// Calls Threat Lookup: one request per attempt, mutual TLS and Basic credentials, through the chosen proxy, under
/// the resilience pipeline of the connection's version. Every way a lookup can end is an outcome, not an exception;
/// only the caller's cancellation throws.
/// </summary>
public sealed class TipClient(
    TipHttpClientCache cache,
    IOptions<TipClientOptions> options,
    PfxInspector pfxInspector,
    TipClientStatus clientStatus,
    TipMetrics metrics,
    TimeProvider time,
    ILogger<TipClient> logger)
{
    /// <summary>
    /// Looks <paramref name="request"/> up. Refuses locally, without a request, what TIP would refuse (an invalid hash,
    /// a URL over 2000 characters, an unknown data group) and everything while Threat Lookup is disabled.
    /// <paramref name="budget"/> is asked before every attempt, retries included. The outcome is counted and kept as
    /// the client's last (<see cref="TipClientStatus"/>); with tracing on, the lookup is a span.
    /// </summary>
    public async Task<TipLookupOutcome> LookupAsync(TipConnection connection, TipLookupRequest request, ITipRequestBudget budget, CancellationToken ct)
    {
        using var activity = KumaTipTelemetry.ActivitySource.StartActivity("TIP lookup");
        activity?.SetTag("kumatip.observable.type", request.Type.ToString()).SetTag("kumatip.observable.value", request.Value);
        var outcome = await RunLookupAsync(connection, request, budget, ct);
        metrics.RecordLookup(outcome);
        clientStatus.Record(outcome, time.GetUtcNow());
        if (activity is not null)
        {
            activity.SetTag("kumatip.tip.outcome", TipClientStatus.NameOf(outcome)).SetTag("kumatip.tip.requests_sent", outcome.RequestsSent);
            if (outcome.Failure is { } failure)
            {
                activity.SetStatus(ActivityStatusCode.Error, failure.Code);
            }
        }

        return outcome;
    }

    private async Task<TipLookupOutcome> RunLookupAsync(TipConnection connection, TipLookupRequest request, ITipRequestBudget budget, CancellationToken ct)
    {
        if (connection.Disabled)
        {
            return new TipLookupOutcome.Refused(ThreatLookupGate.Disabled);
        }

        var uri = TipRequestBuilder.Build(connection.BaseUrl, request.Type, request.Value, request.Sections, request.Count);
        if (uri.Error is { } invalid)
        {
            return new TipLookupOutcome.Refused(invalid);
        }

        var leased = cache.Lease(connection);
        if (leased.Error is { } broken)
        {
            // The PFX, the extra CA or the bypass list cannot be read: the connection's own set-up, for administrators.
            return new TipLookupOutcome.PermanentFailure(broken with { RevealsConfiguration = true }, null);
        }

        using var lease = leased.Value!;
        var channel = lease.Channel;
        if (TipClientErrors.ExpiredCertificate(channel.Transport.ClientCertificate, time.GetUtcNow()) is { } expired)
        {
            return new TipLookupOutcome.PermanentFailure(expired, null);
        }

        var attempts = new List<TipAttempt>();
        try
        {
            var result = await channel.Pipeline.ExecuteAsync(
                async token => await AttemptAsync(channel, connection, request, uri.Value!, budget, attempts, token),
                ct);
            return Conclude(result, request, channel, attempts);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException open)
        {
            var retryAt = time.GetUtcNow() + (open.RetryAfter ?? options.Value.BreakerBreakDuration);
            return new TipLookupOutcome.TransientFailure(TipClientErrors.CircuitOpen(retryAt, attempts), retryAt) { Attempts = attempts };
        }
        catch (TimeoutRejectedException total) when (total.Timeout != channel.AttemptTimeout)
        {
            return new TipLookupOutcome.TransientFailure(TipClientErrors.TotalTimeout(total.Timeout, attempts), null) { Attempts = attempts };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutRejectedException or TipFailure.ClientCertificateRefusedException)
        {
            var failure = TipFailure.Of(e, channel.Transport, channel.AttemptTimeout);
            return failure.PermanentError is { } permanent
                ? new TipLookupOutcome.PermanentFailure(permanent, null) { Attempts = attempts }
                : new TipLookupOutcome.TransientFailure(TipClientErrors.Unavailable(attempts), null) { Attempts = attempts };
        }
    }

    private async ValueTask<TipAttemptResult> AttemptAsync(
        TipChannel channel, TipConnection connection, TipLookupRequest request, Uri uri, ITipRequestBudget budget, List<TipAttempt> attempts, CancellationToken token)
    {
        var number = attempts.Count + 1;
        var reservation = await budget.TryReserveAsync(new TipAttemptInfo(request.Type, request.Value, number), token);
        if (reservation.Error is { } refused)
        {
            attempts.Add(new TipAttempt(number, null, "not sent: the request budget refused it", TimeSpan.Zero, Sent: false));
            logger.LogInformation("TIP {Type} lookup of {Value}: attempt {Attempt} not sent, the request budget refused it ({Reason})",
                request.Type, request.Value, number, refused.Code);
            return TipAttemptResult.NotSent(refused);
        }

        var watch = Stopwatch.StartNew();
        var summary = "no answer";
        var noAnswer = "error";
        int? status = null;
        try
        {
            var result = await TipHttpExchange.SendAsync(channel.Transport, connection, uri, options.Value.MaxAnswerBytes, time, token);
            status = result.StatusCode;
            summary = result.Summary;
            return result;
        }
        catch (OperationCanceledException) when (!token.IsCancellationRequested || watch.Elapsed < channel.AttemptTimeout * 0.95)
        {
            summary = token.IsCancellationRequested ? $"stopped after {TipDurations.Seconds(watch.Elapsed)}" : "cancelled";
            noAnswer = "cancelled";
            throw;
        }
        catch (OperationCanceledException)
        {
            summary = $"timeout after {TipDurations.Seconds(channel.AttemptTimeout)}";
            noAnswer = "timeout";
            throw;
        }
        catch (Exception e)
        {
            var failure = TipFailure.Of(e, channel.Transport, channel.AttemptTimeout);
            summary = failure.Summary;
            if (failure.MayBeClientCertificateRefusal && await ServerRefusesHandshakeAsync(channel, connection, token))
            {
                summary = "client certificate refused";
                throw new TipFailure.ClientCertificateRefusedException(e);
            }

            throw;
        }
        finally
        {
            attempts.Add(new TipAttempt(number, status, summary, watch.Elapsed));
            metrics.RecordRequest(status, noAnswer, watch.Elapsed);
            logger.LogInformation("TIP {Type} lookup of {Value}: attempt {Attempt} {Outcome} in {DurationMs} ms",
                request.Type, request.Value, number, summary, (long)watch.Elapsed.TotalMilliseconds);
        }
    }

    private async Task<bool> ServerRefusesHandshakeAsync(TipChannel channel, TipConnection connection, CancellationToken token)
    {
        if (channel.HandshakeAcceptedRecently(time.GetUtcNow()))
        {
            return false;
        }

        var refused = await TipHandshakeProbe.ServerRefusesHandshakeAsync(connection, options.Value, pfxInspector, time, token);
        if (!refused)
        {
            channel.RecordHandshakeAccepted(time.GetUtcNow());
        }

        return refused;
    }

    private TipLookupOutcome Conclude(TipAttemptResult result, TipLookupRequest request, TipChannel channel, List<TipAttempt> attempts)
    {
        if (result.BudgetRefusal is { } refusal)
        {
            return new TipLookupOutcome.QuotaRefused(refusal) { Attempts = attempts };
        }

        if (result.TooLarge is { } tooLarge)
        {
            return new TipLookupOutcome.PermanentFailure(tooLarge, result.StatusCode) { Attempts = attempts };
        }

        switch (result.StatusCode)
        {
            case 200:
                var parsed = TipAnswer.Parse(result.Body);
                return parsed.Error is { } unreadable
                    ? new TipLookupOutcome.PermanentFailure(unreadable, 200) { Attempts = attempts }
                    : new TipLookupOutcome.Data(parsed.Value!, 200) { Attempts = attempts };
            case 404:
                return new TipLookupOutcome.NotFound { Attempts = attempts };
            case 429 or (>= 500 and <= 599):
                DateTimeOffset? retryAt = result.RetryAfter is { } wait ? time.GetUtcNow() + wait : null;
                return new TipLookupOutcome.TransientFailure(TipClientErrors.Unavailable(attempts, retryAt), retryAt) { Attempts = attempts };
            default:
                var error = TipStatusErrors.For(result.StatusCode, result.Body, request.Type, request.Value, channel.Transport);
                return new TipLookupOutcome.PermanentFailure(error, result.StatusCode) { Attempts = attempts };
        }
    }
}
