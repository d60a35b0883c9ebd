using System.Diagnostics;
using KumaTip.Application.Common;
using KumaTip.Application.Observables;
using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// "Test connection": exactly one request (no retries, past the circuit breaker, on a handler of its own so the
/// handshake it reports is its own), asking only for LicenseInfo and Zone of <see cref="ProbeDomain"/>.
/// It works while Threat Lookup is disabled, so an administrator can check the settings before enabling them.
/// </summary>
public sealed class TipConnectionTester(IOptions<TipClientOptions> options, PfxInspector pfxInspector, TimeProvider time, ILogger<TipConnectionTester> logger)
{
    /// <summary>The object the test looks up; a page says beforehand that one request will be spent on it.</summary>
    public const string ProbeDomain = "kaspersky.com";

    public async Task<TipConnectionTestResult> TestAsync(TipConnection connection, ITipRequestBudget budget, CancellationToken ct)
    {
        var proxyAddress = connection.Proxy is { } proxy ? new Uri(proxy.Url.GetLeftPart(UriPartial.Authority)) : null;
        var uri = TipRequestBuilder.Build(connection.BaseUrl, ObservableCategory.Domain, ProbeDomain, [], null);
        if (uri.Error is { } invalid)
        {
            return NotSent(invalid, null, false, proxyAddress);
        }

        var created = TipTransport.Create(connection, options.Value, pfxInspector, time);
        if (created.Error is { } broken)
        {
            return NotSent(broken, null, false, proxyAddress);
        }

        using var transport = created.Value!;
        var proxyUsed = transport.UsesProxyFor(uri.Value!);
        if (TipClientErrors.ExpiredCertificate(transport.ClientCertificate, time.GetUtcNow()) is { } expired)
        {
            return NotSent(expired, transport.ClientCertificate, proxyUsed, proxyAddress);
        }

        var reservation = await budget.TryReserveAsync(new TipAttemptInfo(ObservableCategory.Domain, ProbeDomain, 1), ct);
        if (reservation.Error is { } refused)
        {
            return NotSent(refused, transport.ClientCertificate, proxyUsed, proxyAddress);
        }

        var attemptTimeout = TipHttpClientCache.AttemptTimeoutOf(connection);
        var pipeline = TipResiliencePipeline.CreateSingleAttempt(attemptTimeout, time);
        var watch = Stopwatch.StartNew();
        int? status = null;
        Error? error;
        TipLicenseInfo? license = null;
        try
        {
            var answer = await pipeline.ExecuteAsync(
                async token => await TipHttpExchange.SendAsync(transport, connection, uri.Value!, options.Value.MaxAnswerBytes, time, token), ct);
            status = answer.StatusCode;
            (error, license) = Read(answer, transport);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutRejectedException)
        {
            var failure = TipFailure.Of(e, transport, attemptTimeout);
            if (failure.MayBeClientCertificateRefusal && await TipHandshakeProbe.ServerRefusesHandshakeAsync(connection, options.Value, pfxInspector, time, ct))
            {
                failure = TipFailure.Of(new TipFailure.ClientCertificateRefusedException(e), transport, attemptTimeout);
            }

            error = failure.PermanentError
                ?? new Error("tip_unavailable", $"TIP could not be reached: {failure.Summary}.", ErrorKind.Unavailable);
        }

        logger.LogInformation("TIP connection test: {Outcome} in {DurationMs} ms, proxy used: {ProxyUsed}",
            error?.Code ?? $"{status}", (long)watch.Elapsed.TotalMilliseconds, proxyUsed);
        return new TipConnectionTestResult(
            error is null, error, true, status, watch.Elapsed, transport.ClientCertificate, transport.Tls.ServerChain, proxyUsed, proxyAddress, license);
    }

    private static (Error? Error, TipLicenseInfo? License) Read(TipAttemptResult answer, TipTransport transport)
    {
        if (answer.TooLarge is { } tooLarge)
        {
            return (tooLarge, null);
        }

        switch (answer.StatusCode)
        {
            case 200:
                var parsed = TipAnswer.Parse(answer.Body);
                return (parsed.Error, parsed.Value?.LicenseInfo);
            case 404:
                return (null, null);
            case 429 or (>= 500 and <= 599):
                return (new Error("tip_unavailable", $"TIP answered {answer.Summary}: it is up but cannot serve requests right now. Try again later.", ErrorKind.Unavailable), null);
            default:
                return (TipStatusErrors.For(answer.StatusCode, answer.Body, ObservableCategory.Domain, ProbeDomain, transport), null);
        }
    }

    private static TipConnectionTestResult NotSent(Error error, TipCertificateInfo? certificate, bool proxyUsed, Uri? proxy) =>
        new(false, error, false, null, TimeSpan.Zero, certificate, [], proxyUsed, proxy, null);
}
