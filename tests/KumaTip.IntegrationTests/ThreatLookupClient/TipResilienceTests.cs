using System.Collections.Concurrent;
using System.Diagnostics;
using KumaTip.Application.Common;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Faults;
using static KumaTip.IntegrationTests.ThreatLookupClient.TipClientHarness;

namespace KumaTip.IntegrationTests.ThreatLookupClient;

/// <summary>Retries, timeouts, the circuit breaker, the parallel limit and the request budget, against injected faults.</summary>
public sealed class TipResilienceTests(TipSimulatorFixture tip) : IClassFixture<TipSimulatorFixture>
{
    private const string Value = SimulatorFixtures.CleanDomain;

    private static readonly TipLookupRequest Lookup = Request(ObservableCategory.Domain, Value, "DomainGeneralInfo");

    [Fact]
    public async Task Two_server_errors_are_retried_and_the_third_attempt_succeeds()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { ServerErrorNext = 2 };
        using var harness = new TipClientHarness();

        var outcome = await harness.LookupAsync(ConnectionTo(host), Lookup);

        Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(["503", "503", "200"], outcome.Attempts.Select(a => a.Summary));
        Assert.Equal(3, host.RequestCount(Value));
    }

    [Fact]
    public async Task Throttling_waits_as_long_as_retry_after_asks_then_retries()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { ThrottleNext = 1, RetryAfterSeconds = 2 };
        using var harness = new TipClientHarness();

        var watch = Stopwatch.StartNew();
        var outcome = await harness.LookupAsync(ConnectionTo(host), Lookup);

        Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.5), $"retried after {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(["429 (Retry-After 2 s)", "200"], outcome.Attempts.Select(a => a.Summary));
        Assert.Equal(2, host.RequestCount(Value));
    }

    [Fact]
    public async Task Throttling_that_asks_for_a_longer_wait_than_allowed_fails_as_transient_and_says_when()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { ThrottleNext = 1, RetryAfterSeconds = 120 };
        using var harness = new TipClientHarness(options => options.MaxRetryAfter = TimeSpan.FromSeconds(10));

        var outcome = await harness.LookupAsync(ConnectionTo(host), Lookup);

        var failure = Assert.IsType<TipLookupOutcome.TransientFailure>(outcome);
        Assert.NotNull(failure.RetryAt);
        Assert.True(failure.RetryAt > DateTimeOffset.UtcNow.AddSeconds(100));
        Assert.Equal(1, host.RequestCount(Value));
    }

    [Fact]
    public async Task A_bad_request_is_not_retried_and_names_the_value()
    {
        var host = tip.Fresh();
        using var harness = new TipClientHarness();

        var outcome = await harness.LookupAsync(ConnectionTo(host), Request(ObservableCategory.Ip, "not-an-ip"));

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal((400, "tip_bad_request"), (failure.StatusCode, failure.Error.Code));
        Assert.Contains("'not-an-ip'", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.RequestCount("not-an-ip"));
    }

    [Fact]
    public async Task Wrong_credentials_are_not_retried()
    {
        var host = tip.Fresh();
        using var harness = new TipClientHarness();

        var outcome = await harness.LookupAsync(ConnectionTo(host, password: "wrong"), Lookup);

        Assert.Equal(401, Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome).StatusCode);
        Assert.Equal(1, host.RequestCount(Value));
    }

    [Fact]
    public async Task An_account_without_api_access_is_told_so_and_not_retried()
    {
        var host = tip.Fresh();
        using var harness = new TipClientHarness();

        var outcome = await harness.LookupAsync(
            ConnectionTo(host, userName: TipSimulatorFixture.NoApiAccessUser, password: TipSimulatorFixture.NoApiAccessPassword), Lookup);

        var failure = Assert.IsType<TipLookupOutcome.PermanentFailure>(outcome);
        Assert.Equal((403, "tip_forbidden"), (failure.StatusCode, failure.Error.Code));
        Assert.Equal("The account has no API access, or its request quota is exhausted.", failure.Error.Message);
        Assert.Equal(1, host.RequestCount(Value));
    }

    [Fact]
    public async Task A_hanging_answer_ends_at_the_attempt_timeout_and_is_retried()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { HangNext = 1 };
        using var harness = new TipClientHarness();

        var watch = Stopwatch.StartNew();
        var outcome = await harness.LookupAsync(ConnectionTo(host, requestTimeout: TimeSpan.FromSeconds(1.5)), Lookup);

        Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(["timeout after 1.5 s", "200"], outcome.Attempts.Select(a => a.Summary));
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.4), $"took {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Answers_that_never_come_end_as_a_transient_failure_listing_what_was_tried()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { HangNext = 5 };
        using var harness = new TipClientHarness(options => options.MaxAttempts = 2);

        var outcome = await harness.LookupAsync(ConnectionTo(host, requestTimeout: TimeSpan.FromSeconds(1)), Lookup);

        var failure = Assert.IsType<TipLookupOutcome.TransientFailure>(outcome);
        Assert.Equal("tip_unavailable", failure.Error.Code);
        Assert.Contains("2 attempts: timeout after 1 s, timeout after 1 s", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(2, host.RequestCount(Value));
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { ResetNext = 1 };
        using var harness = new TipClientHarness(options => options.HandshakeProbeWait = TimeSpan.FromSeconds(1));

        var outcome = await harness.LookupAsync(ConnectionTo(host), Lookup);

        Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal(["connection reset", "200"], outcome.Attempts.Select(a => a.Summary));
        Assert.Equal(2, host.RequestCount(Value));
    }

    [Fact]
    public async Task Repeated_failures_open_the_breaker_and_later_lookups_fail_fast_without_a_request()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { ServerErrorRate = 1 };
        using var harness = new TipClientHarness(options =>
        {
            options.MaxAttempts = 2;
            options.BreakerMinimumThroughput = 4;
            options.BreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        var connection = ConnectionTo(host);

        var first = await harness.LookupAsync(connection, Lookup);
        var second = await harness.LookupAsync(connection, Lookup);
        var sentBefore = host.RequestCount();
        var third = await harness.LookupAsync(connection, Lookup);

        Assert.Contains("2 attempts: 503, 503", Assert.IsType<TipLookupOutcome.TransientFailure>(first).Error.Message, StringComparison.Ordinal);
        Assert.IsType<TipLookupOutcome.TransientFailure>(second);
        var fastFailure = Assert.IsType<TipLookupOutcome.TransientFailure>(third);
        Assert.Equal("tip_unreachable", fastFailure.Error.Code);
        Assert.StartsWith("TIP is unreachable", fastFailure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("It will try again after", fastFailure.Error.Message, StringComparison.Ordinal);
        Assert.True(fastFailure.RetryAt > DateTimeOffset.UtcNow.AddSeconds(10));
        Assert.Empty(fastFailure.Attempts);
        Assert.Equal(4, sentBefore);
        Assert.Equal(sentBefore, host.RequestCount());
    }

    [Fact]
    public async Task The_budget_is_asked_before_every_attempt_retries_included()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { ServerErrorNext = 2 };
        using var harness = new TipClientHarness();
        var asked = new ConcurrentQueue<TipAttemptInfo>();
        var budget = TipRequestBudgets.From((attempt, _) =>
        {
            asked.Enqueue(attempt);
            return ValueTask.FromResult(Result.Ok());
        });

        var outcome = await harness.LookupAsync(ConnectionTo(host), Lookup, budget);

        Assert.IsType<TipLookupOutcome.Data>(outcome);
        Assert.Equal([1, 2, 3], asked.Select(a => a.AttemptNumber));
        Assert.All(asked, a => Assert.Equal((ObservableCategory.Domain, Value), (a.Type, a.Value)));
        Assert.Equal(3, host.RequestCount(Value));
        Assert.Equal(3, outcome.RequestsSent);
    }

    [Fact]
    public async Task A_refusing_budget_sends_nothing()
    {
        var host = tip.Fresh();
        using var harness = new TipClientHarness();
        var exhausted = new Error("quota_exhausted", "The licence's 100 Threat Lookup requests are used up.", ErrorKind.Conflict);

        var outcome = await harness.LookupAsync(ConnectionTo(host), Lookup, TipRequestBudgets.From((_, _) => ValueTask.FromResult<Result>(exhausted)));

        Assert.Equal(exhausted, Assert.IsType<TipLookupOutcome.QuotaRefused>(outcome).Error);
        Assert.Equal(0, outcome.RequestsSent);
        Assert.Equal(0, host.RequestCount());
    }

    [Fact]
    public async Task A_budget_that_runs_out_between_attempts_stops_the_retries()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { ServerErrorNext = 1 };
        using var harness = new TipClientHarness();
        var exhausted = new Error("quota_exhausted", "The licence's requests are used up.", ErrorKind.Conflict);
        var budget = TipRequestBudgets.From((attempt, _) => ValueTask.FromResult(attempt.AttemptNumber == 1 ? Result.Ok() : exhausted));

        var outcome = await harness.LookupAsync(ConnectionTo(host), Lookup, budget);

        Assert.IsType<TipLookupOutcome.QuotaRefused>(outcome);
        Assert.Equal([true, false], outcome.Attempts.Select(a => a.Sent));
        Assert.Equal(1, host.RequestCount());
    }

    [Fact]
    public async Task At_most_the_configured_number_of_requests_run_in_parallel_and_the_rest_wait()
    {
        var host = tip.Fresh();
        host.Faults = new FaultSettings { LatencyMs = 300 };
        using var harness = new TipClientHarness();
        var connection = ConnectionTo(host, maxParallelRequests: 2);
        var started = new ConcurrentQueue<TimeSpan>();
        var watch = Stopwatch.StartNew();
        var budget = TipRequestBudgets.From((_, _) =>
        {
            started.Enqueue(watch.Elapsed);
            return ValueTask.FromResult(Result.Ok());
        });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => harness.LookupAsync(connection, Lookup, budget)));
        var elapsed = watch.Elapsed;

        Assert.All(outcomes, outcome => Assert.IsType<TipLookupOutcome.Data>(outcome));
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(850), $"6 lookups took {elapsed.TotalMilliseconds} ms");
        var starts = started.Order().ToList();
        Assert.Equal(6, starts.Count);
        // Attempts start in waves of two, each wave after the previous one's 300 ms answers.
        Assert.True(starts[2] - starts[0] >= TimeSpan.FromMilliseconds(250), $"third attempt began {(starts[2] - starts[0]).TotalMilliseconds} ms after the first");
        Assert.True(starts[4] - starts[0] >= TimeSpan.FromMilliseconds(550), $"fifth attempt began {(starts[4] - starts[0]).TotalMilliseconds} ms after the first");
    }
}
