using KumaTip.Application.Common;
using KumaTip.Application.Observables;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// Asked before every upstream attempt, retries included, because every request that reaches TIP counts against the
/// licence. The quota module reserves one request here; a refusal means the attempt is not sent and the lookup ends
/// as <see cref="TipLookupOutcome.QuotaRefused"/> with the refusal's error.
/// </summary>
public interface ITipRequestBudget
{
    ValueTask<Result> TryReserveAsync(TipAttemptInfo attempt, CancellationToken ct);
}

/// <summary>What is about to be sent: the lookup and which attempt of it this is (1 = the first).</summary>
public sealed record TipAttemptInfo(ObservableCategory Type, string Value, int AttemptNumber);
