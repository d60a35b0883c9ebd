using KumaTip.Application.Common;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Quota;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>The TIP client asks this before every attempt (retries too): one licence request is reserved per attempt.</summary>
public sealed class QuotaBudget(QuotaService quota, LicenceTerms terms) : ITipRequestBudget
{
    public int Reserved { get; private set; }

    public async ValueTask<Result> TryReserveAsync(TipAttemptInfo attempt, CancellationToken ct)
    {
        var reserved = await quota.TryReserveAsync(terms, ct);
        if (reserved.Succeeded)
        {
            Reserved++;
        }

        return reserved;
    }
}
