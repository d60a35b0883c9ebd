namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>One upstream attempt of a lookup, as it went.</summary>
/// <param name="Number">1 for the first attempt, 2 for the first retry, …</param>
/// <param name="StatusCode">The HTTP status TIP answered with; null when no answer came (timeout, reset, TLS failure).</param>
/// <param name="Summary">What happened, short: <c>200</c>, <c>503</c>, <c>timeout after 30 s</c>, <c>connection reset</c>.</param>
/// <param name="Sent">Whether a request left KumaTip (false when the budget refused it before sending).</param>
public sealed record TipAttempt(int Number, int? StatusCode, string Summary, TimeSpan Duration, bool Sent = true);
