namespace KumaTip.TipSimulator.Faults;

internal enum InjectedFault
{
    None,
    ServerError,
    Throttle,
    Reset,
    Hang,
    HugeAnswer,
}

/// <summary>What to do to one request.</summary>
internal readonly record struct FaultDecision(InjectedFault Fault, TimeSpan Latency, int ServerErrorStatus, int RetryAfterSeconds, int HugeAnswerBytes);

/// <summary>Holds the current fault settings and decides, request by request, which fault (if any) comes next.</summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private FaultSettings _settings = FaultSettings.None;

    public FaultInjector(FaultSettings initial) => Current = initial;

    /// <summary>The settings in force; the "Next" counts are what is left of them.</summary>
    public FaultSettings Current
    {
        get
        {
            lock (_lock)
            {
                return _settings;
            }
        }

        set
        {
            if (value.FindProblem() is { } problem)
            {
                throw new ArgumentException(problem, nameof(value));
            }

            lock (_lock)
            {
                _settings = value;
            }
        }
    }

    public FaultDecision Next()
    {
        lock (_lock)
        {
            var s = _settings;
            var (fault, rest) = s switch
            {
                { HangNext: > 0 } => (InjectedFault.Hang, s with { HangNext = s.HangNext - 1 }),
                { ResetNext: > 0 } => (InjectedFault.Reset, s with { ResetNext = s.ResetNext - 1 }),
                { ThrottleNext: > 0 } => (InjectedFault.Throttle, s with { ThrottleNext = s.ThrottleNext - 1 }),
                { ServerErrorNext: > 0 } => (InjectedFault.ServerError, s with { ServerErrorNext = s.ServerErrorNext - 1 }),
                { HugeAnswerNext: > 0 } => (InjectedFault.HugeAnswer, s with { HugeAnswerNext = s.HugeAnswerNext - 1 }),
                _ => (Roll(s), s),
            };
            _settings = rest;
            return new FaultDecision(fault, TimeSpan.FromMilliseconds(s.LatencyMs), s.ServerErrorStatus, s.RetryAfterSeconds, s.HugeAnswerBytes);
        }
    }

    private static InjectedFault Roll(FaultSettings s)
    {
        if (s.HangRate + s.ResetRate + s.ThrottleRate + s.ServerErrorRate == 0)
        {
            return InjectedFault.None;
        }

        var roll = Random.Shared.NextDouble();
        return (roll -= s.HangRate) < 0 ? InjectedFault.Hang
            : (roll -= s.ResetRate) < 0 ? InjectedFault.Reset
            : (roll -= s.ThrottleRate) < 0 ? InjectedFault.Throttle
            : roll - s.ServerErrorRate < 0 ? InjectedFault.ServerError
            : InjectedFault.None;
    }
}
