using System.Globalization;
using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>The client's own failures, worded for the user.</summary>
internal static class TipClientErrors
{
    public static Error? ExpiredCertificate(TipCertificateInfo? certificate, DateTimeOffset now) =>
        certificate is { } c && c.NotAfter < now
            ? new Error(
                "tip_client_certificate_expired",
                $"The client certificate of the Threat Lookup secret ({c.Subject}) expired on {Day(c.NotAfter)}. Upload the new PFX from Kaspersky in Resources → Secrets.",
                ErrorKind.Unavailable)
            {
                RevealsConfiguration = true,
            }
            : null;

    /// <summary>"TIP did not answer usefully after 3 attempts: 503, 503, timeout after 30 s."</summary>
    public static Error Unavailable(IReadOnlyList<TipAttempt> attempts, DateTimeOffset? retryAt = null)
    {
        var when = retryAt is { } at ? $" TIP asked to wait until {Time(at)}." : " Try again later.";
        return new Error("tip_unavailable", $"TIP did not answer usefully after {Tried(attempts)}.{when}", ErrorKind.Unavailable);
    }

    public static Error CircuitOpen(DateTimeOffset retryAt, IReadOnlyList<TipAttempt> attempts)
    {
        var tried = attempts.Count > 0 ? $" (this lookup: {Tried(attempts)})" : "";
        return new Error(
            "tip_unreachable",
            $"TIP is unreachable: most recent requests to it failed, so KumaTip is not sending more for now{tried}. It will try again after {Time(retryAt)}.",
            ErrorKind.Unavailable);
    }

    public static Error TotalTimeout(TimeSpan total, IReadOnlyList<TipAttempt> attempts) => new(
        "tip_unavailable",
        $"TIP did not answer within {TipDurations.Seconds(total)} in all ({Tried(attempts)}). Try again later.",
        ErrorKind.Unavailable);

    public static Error AnswerTooLarge(int maxBytes) => new(
        "tip_answer_too_large",
        $"TIP's answer was larger than the {maxBytes / (1024.0 * 1024):0.##} MiB KumaTip reads (ThreatLookup:Client:MaxAnswerBytes), so nothing was stored; the request counted against the licence. Ask for fewer data groups.",
        ErrorKind.Unavailable);

    /// <summary>"3 attempts: 503, 503, timeout after 30 s".</summary>
    public static string Tried(IReadOnlyList<TipAttempt> attempts) => attempts.Count switch
    {
        0 => "no attempt",
        1 => $"1 attempt: {attempts[0].Summary}",
        _ => $"{attempts.Count} attempts: {string.Join(", ", attempts.Select(a => a.Summary))}",
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
