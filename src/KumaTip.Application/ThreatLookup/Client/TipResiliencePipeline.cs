using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// The Polly pipeline around each lookup, outermost first: the total timeout; retries of transient outcomes with
/// jittered exponential backoff (or TIP's <c>Retry-After</c>); the circuit breaker; the limit on parallel upstream
/// requests (waiting in a queue, never refused); the per-attempt timeout. Retries release their slot while they wait.
/// </summary>
internal static class TipResiliencePipeline
{
    public static ResiliencePipeline<TipAttemptResult> Create(
        TipTransport transport, TimeSpan attemptTimeout, int maxParallelRequests, TipClientOptions options, CircuitBreakerStateProvider breaker, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<TipAttemptResult> { TimeProvider = time }
            .AddTimeout(attemptTimeout * options.TotalTimeoutFactor);

        if (options.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<TipAttemptResult>
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(IsRetryable(args.Outcome, transport, attemptTimeout, options)),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<TipAttemptResult>
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = breaker,
                ShouldHandle = args => ValueTask.FromResult(MeansTipIsDown(args.Outcome, transport, attemptTimeout)),
            })
            .AddConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = maxParallelRequests,
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            })
            .AddTimeout(attemptTimeout)
            .Build();
    }

    /// <summary>A single attempt under the per-attempt timeout, for "Test connection" (one request, and it says so).</summary>
    public static ResiliencePipeline<TipAttemptResult> CreateSingleAttempt(TimeSpan attemptTimeout, TimeProvider time) =>
        new ResiliencePipelineBuilder<TipAttemptResult> { TimeProvider = time }.AddTimeout(attemptTimeout).Build();

    private static bool IsRetryable(Outcome<TipAttemptResult> outcome, TipTransport transport, TimeSpan attemptTimeout, TipClientOptions options)
    {
        if (outcome.Result is { } result)
        {
            // A 429 that asks for a longer wait than we are prepared to hold a lookup for is answered as it is.
            return result.WasSent && (result.IsServerError || (result.IsThrottled && (result.RetryAfter ?? TimeSpan.Zero) <= options.MaxRetryAfter));
        }

        return outcome.Exception is not (null or OperationCanceledException or BrokenCircuitException)
            && TipFailure.Of(outcome.Exception, transport, attemptTimeout).IsTransient;
    }

    // Throttling means TIP is up and answering; only errors and silence open the breaker.
    private static bool MeansTipIsDown(Outcome<TipAttemptResult> outcome, TipTransport transport, TimeSpan attemptTimeout) =>
        outcome.Result is { } result
            ? result.WasSent && result.IsServerError
            : outcome.Exception is not (null or OperationCanceledException)
              && TipFailure.Of(outcome.Exception, transport, attemptTimeout).IsTransient;
}
