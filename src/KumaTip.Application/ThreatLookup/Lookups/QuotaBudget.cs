using KumaTip.Application.Common;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Application.ThreatLookup.Quota;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>
/// The TIP client asks this before every attempt (retries too): one request is reserved per attempt against the
/// licence, the spender's tenant share (or the pool) and the spender's daily budget, all or none.
/// </summary>
public sealed class QuotaBudget(LicenceGovernance governance, LicenceTerms terms, LicenceSpender spender) : ITipRequestBudget
{
    public int Reserved { get; private set; }

    public async ValueTask<Result> TryReserveAsync(TipAttemptInfo attempt, CancellationToken ct)
    {
        var reserved = await governance.TrySpendAsync(terms, spender, ct);
        if (reserved.Succeeded)
        {
            Reserved++;
        }

        return reserved;
    }
}
