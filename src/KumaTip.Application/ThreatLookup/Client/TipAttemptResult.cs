using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// What one attempt got back: TIP's answer, read in full, or the budget's refusal to send it, or the error of an
/// answer too large to read.
/// </summary>
internal sealed record TipAttemptResult(int StatusCode, string Body, TimeSpan? RetryAfter, Error? BudgetRefusal = null, Error? TooLarge = null)
{
    public static TipAttemptResult NotSent(Error refusal) => new(0, "", null, refusal);

    public bool WasSent => BudgetRefusal is null;

    public bool IsServerError => StatusCode is >= 500 and <= 599 && TooLarge is null;

    public bool IsThrottled => StatusCode == 429 && TooLarge is null;

    public string Summary => TooLarge is not null ? $"{StatusCode} (answer too large)"
        : RetryAfter is { } wait && (IsThrottled || IsServerError) ? $"{StatusCode} (Retry-After {TipDurations.Seconds(wait)})"
        : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
