using KumaTip.Application.Common;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>Ready-made budgets: none (for the simulator and tests) and one from a delegate.</summary>
public static class TipRequestBudgets
{
    /// <summary>Allows every attempt. Only for callers that do not spend the licence (tests, the simulator demo).</summary>
    public static ITipRequestBudget Unlimited { get; } = new DelegateBudget((_, _) => ValueTask.FromResult(Result.Ok()));

    public static ITipRequestBudget From(Func<TipAttemptInfo, CancellationToken, ValueTask<Result>> reserve) => new DelegateBudget(reserve);

    private sealed class DelegateBudget(Func<TipAttemptInfo, CancellationToken, ValueTask<Result>> reserve) : ITipRequestBudget
    {
        public ValueTask<Result> TryReserveAsync(TipAttemptInfo attempt, CancellationToken ct) => reserve(attempt, ct);
    }
}
