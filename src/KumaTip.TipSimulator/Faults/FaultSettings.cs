namespace KumaTip.TipSimulator.Faults;

/// <summary>
/// Misbehaviour to inject into /api answers. "Next" counts are deterministic (for tests) and are used up one request
/// at a time, in the order hang, reset, throttle, server error, huge answer; rates are shares of all requests (for
/// benchmarks) and must add up to at most 1. Latency applies to every request, before anything else.
/// </summary>
public sealed record FaultSettings
{
    public static FaultSettings None { get; } = new();

    /// <summary>Added to every answer, including faulted ones.</summary>
    public int LatencyMs { get; init; }

    public int ServerErrorNext { get; init; }

    public double ServerErrorRate { get; init; }

    /// <summary>500, 502, 503 or 504.</summary>
    public int ServerErrorStatus { get; init; } = 503;

    /// <summary>429 answers, with a <c>Retry-After</c> of <see cref="RetryAfterSeconds"/>.</summary>
    public int ThrottleNext { get; init; }

    public double ThrottleRate { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Connections dropped without an answer.</summary>
    public int ResetNext { get; init; }

    public double ResetRate { get; init; }

    /// <summary>Answers that never come: the request is held until the client gives up.</summary>
    public int HangNext { get; init; }

    public double HangRate { get; init; }

    /// <summary>200 answers of <see cref="HugeAnswerBytes"/> bytes of valid JSON (a Zone and a long padding string).</summary>
    public int HugeAnswerNext { get; init; }

    /// <summary>By default 40 MiB: more than a client should read.</summary>
    public int HugeAnswerBytes { get; init; } = 40 * 1024 * 1024;

    /// <summary>What is wrong with these settings, or null when they are usable.</summary>
    public string? FindProblem()
    {
        if (LatencyMs < 0 || ServerErrorNext < 0 || ThrottleNext < 0 || ResetNext < 0 || HangNext < 0 || HugeAnswerNext < 0 || RetryAfterSeconds < 0)
        {
            return "Latency, counts and Retry-After must not be negative.";
        }

        if (HugeAnswerBytes < 64)
        {
            return "HugeAnswerBytes must be at least 64.";
        }

        double[] rates = [ServerErrorRate, ThrottleRate, ResetRate, HangRate];
        if (rates.Any(rate => rate is < 0 or > 1 || double.IsNaN(rate)) || rates.Sum() > 1)
        {
            return "Each rate is between 0 and 1, and together they add up to at most 1.";
        }

        return ServerErrorStatus is 500 or 502 or 503 or 504 ? null : "ServerErrorStatus must be 500, 502, 503 or 504.";
    }
}
