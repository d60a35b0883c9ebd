using Polly.CircuitBreaker;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// What this instance last heard from TIP, recorded by <see cref="TipClient"/> after each lookup, and the state of
/// the circuit breaker: for the Status block of Settings → Kaspersky Threat Lookup and the gauges, so neither needs
/// a request to TIP to know.
/// </summary>
public sealed class TipClientStatus(TipHttpClientCache channels)
{
    /// <summary>Every outcome name, in the order of <see cref="IndexOf"/>: the <c>outcome</c> tag of the metrics.</summary>
    public static readonly IReadOnlyList<string> OutcomeNames = ["data", "not_found", "permanent_failure", "transient_failure", "refused", "quota_refused"];

    private readonly long[] _lastTicksByOutcome = new long[OutcomeNames.Count];
    private TipLastOutcome? _last;

    /// <summary>The last lookup that asked TIP, or could not because of the connection or the licence; null since start.</summary>
    public TipLastOutcome? LastOutcome => Volatile.Read(ref _last);

    /// <summary>The live connection's breaker; null until a lookup has built the connection (after a start or a change).</summary>
    public CircuitState? Breaker => channels.BreakerState;

    /// <summary>When each kind of outcome last happened (unset ones left out), for <c>kumatip_tip_last_outcome_timestamp_seconds</c>.</summary>
    public IEnumerable<(string Outcome, DateTimeOffset At)> LastTimes()
    {
        for (var i = 0; i < _lastTicksByOutcome.Length; i++)
        {
            if (Interlocked.Read(ref _lastTicksByOutcome[i]) is var ticks and > 0)
            {
                yield return (OutcomeNames[i], new DateTimeOffset(ticks, TimeSpan.Zero));
            }
        }
    }

    public static string NameOf(TipLookupOutcome outcome) => OutcomeNames[IndexOf(outcome)];

    internal void Record(TipLookupOutcome outcome, DateTimeOffset at)
    {
        Interlocked.Exchange(ref _lastTicksByOutcome[IndexOf(outcome)], at.UtcTicks);
        // A lookup refused before anything was tried (disabled, invalid input) says nothing about TIP.
        if (outcome is not TipLookupOutcome.Refused)
        {
            var last = outcome.Attempts.LastOrDefault(a => a.Sent);
            Volatile.Write(ref _last, new TipLastOutcome(NameOf(outcome), last?.StatusCode, last?.Summary, outcome.Failure?.Message, at));
        }
    }

    private static int IndexOf(TipLookupOutcome outcome) => outcome switch
    {
        TipLookupOutcome.Data => 0,
        TipLookupOutcome.NotFound => 1,
        TipLookupOutcome.PermanentFailure => 2,
        TipLookupOutcome.TransientFailure => 3,
        TipLookupOutcome.Refused => 4,
        _ => 5,
    };
}

/// <param name="Outcome">One of <see cref="TipClientStatus.OutcomeNames"/>.</param>
/// <param name="StatusCode">TIP's status in the last request sent, if it answered.</param>
/// <param name="Summary">How the last request sent went (<c>200</c>, <c>timeout after 30 s</c>); null when none was sent.</param>
/// <param name="Error">The failure's message (never a credential); null for data and "not found".</param>
public sealed record TipLastOutcome(string Outcome, int? StatusCode, string? Summary, string? Error, DateTimeOffset At);
