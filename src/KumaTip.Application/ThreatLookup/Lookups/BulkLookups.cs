using KumaTip.Application.Common;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Quota;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>What a line of the bulk form is, and so what looking it up costs.</summary>
public enum BulkLineStatus
{
    /// <summary>The cache holds its default data groups: free, nothing is queued.</summary>
    Cached,

    /// <summary>One licence request: a task is queued (or joined) for it.</summary>
    NotCached,

    /// <summary>A private or reserved address or name: Threat Lookup knows nothing useful, it is skipped.</summary>
    Reserved,

    /// <summary>The same observable as an earlier line (<see cref="BulkLine.DuplicateOf"/>): looked up once.</summary>
    Duplicate,

    /// <summary>Not an observable (<see cref="BulkLine.Error"/> says why).</summary>
    Invalid,

    /// <summary>Beyond the <see cref="BulkLookups.MaxObservables"/> a bulk lookup takes.</summary>
    OverLimit,
}

/// <summary>
/// One line of a bulk lookup: what was entered, what it is, and after queueing what came of it (<see cref="Result"/>:
/// the task queued or joined; <see cref="Error"/>: why it was not).
/// </summary>
public sealed record BulkLine(int Number, string Input, BulkLineStatus Status, Observable? Observable = null, Error? Error = null, int? DuplicateOf = null)
{
    public LookupResult? Result { get; init; }
}

/// <summary>The lines of a bulk lookup, what they cost together and the requests left.</summary>
public sealed record BulkPlan(IReadOnlyList<BulkLine> Lines, QuotaStatus Quota)
{
    public int Cost => Lines.Count(l => l.Status == BulkLineStatus.NotCached);

    public int InvalidCount => Lines.Count(l => l.Status is BulkLineStatus.Invalid or BulkLineStatus.OverLimit);

    public bool TooMany => Lines.Any(l => l.Status == BulkLineStatus.OverLimit);

    public bool QuotaSuffices => Cost == 0 || (!Quota.PeriodEnded && Quota.Remaining >= Cost);

    /// <summary>Queued, or stopped by the first error of a request (the lookup disabled, the tenant...).</summary>
    public bool Queued { get; init; }

    /// <summary>Once queued: the lines with a task, queued or joined.</summary>
    public int Requested => Lines.Count(l => l.Result is LookupResult.Queued);

    /// <summary>
    /// Why nothing may be queued yet. A bad line stops everything unless the analyst chose to leave the bad lines out
    /// (<paramref name="skipInvalid"/>); more lines than a bulk lookup takes, or more requests than are left, always do.
    /// </summary>
    public Error? Blocker(bool skipInvalid)
    {
        if (Lines.Count == 0)
        {
            return Error.Invalid("values", "Enter the observables to look up, one per line.");
        }

        if (TooMany)
        {
            return new Error("bulk_too_many", $"{Lines.Count} lines: a bulk lookup takes at most {BulkLookups.MaxObservables} observables.") { Field = "values" };
        }

        if (InvalidCount > 0 && !skipInvalid)
        {
            return new Error("bulk_invalid_lines", $"{InvalidCount} of the lines are not observables that can be looked up: correct or remove them, or leave them out.")
            {
                Field = "values",
            };
        }

        return QuotaSuffices
            ? null
            : new Error("quota_insufficient", $"Looking these up takes {Cost} requests; {Quota.Remaining} are left in this licence period.", ErrorKind.Forbidden);
    }
}

/// <summary>
/// The bulk form and <c>POST /api/v1/lookups/bulk</c>: up to <see cref="MaxObservables"/> observables pasted one per
/// line are parsed and costed together, then each one the cache lacks is requested as a single lookup would be
/// (through <see cref="LookupService"/>: the same checks, and a running lookup of it is joined, not repeated).
/// </summary>
public sealed class BulkLookups(LookupService lookups)
{
    public const int MaxObservables = 100;

    /// <summary>Each line parsed and costed; blank lines are left out, their numbers kept.</summary>
    public async Task<BulkPlan> PlanAsync(IReadOnlyList<string?> inputs, CancellationToken ct)
    {
        var lines = new List<BulkLine>();
        var firstLineOf = new Dictionary<string, int>();
        foreach (var (input, index) in inputs.Select((input, index) => (input?.Trim() ?? string.Empty, index)))
        {
            if (input.Length == 0)
            {
                continue;
            }

            var number = index + 1;
            if (lines.Count >= MaxObservables)
            {
                lines.Add(new BulkLine(number, input, BulkLineStatus.OverLimit));
                continue;
            }

            var parsed = ObservableParser.Parse(input);
            lines.Add(parsed switch
            {
                { Error: { } error } => new BulkLine(number, input, BulkLineStatus.Invalid, Error: error),
                { Value: { } o } when firstLineOf.TryGetValue(o.Key, out var first) => new BulkLine(number, input, BulkLineStatus.Duplicate, o, DuplicateOf: first),
                { Value: { IsPrivateOrReserved: true } o } => new BulkLine(number, input, BulkLineStatus.Reserved, o),
                _ => new BulkLine(number, input, BulkLineStatus.NotCached, parsed.Value),
            });
            if (parsed.Value is { } observable)
            {
                firstLineOf.TryAdd(observable.Key, number);
            }
        }

        var toCost = lines.Where(l => l.Status == BulkLineStatus.NotCached).ToList();
        var costs = await lookups.CostsAsync([.. toCost.Select(l => l.Observable!)], null, ct);
        var cached = toCost.Zip(costs).Where(c => c.Second.Missing.Count == 0).Select(c => c.First).ToHashSet();
        var quota = costs.Count > 0 ? costs[0].Quota : await lookups.QuotaAsync(ct);
        return new BulkPlan([.. lines.Select(l => cached.Contains(l) ? l with { Status = BulkLineStatus.Cached } : l)], quota);
    }

    /// <summary>
    /// Requests every line of the plan the cache lacks, for <paramref name="tenantId"/> (or the one selected tenant),
    /// unless the plan is blocked (<see cref="BulkPlan.Blocker"/>). The first request refused stops the rest: what
    /// refuses one (the lookup disabled, no requests left, the tenant) refuses them all.
    /// </summary>
    public async Task<Result<BulkPlan>> QueueAsync(BulkPlan plan, Guid? tenantId, bool skipInvalid, CancellationToken ct)
    {
        if (plan.Blocker(skipInvalid) is { } blocked)
        {
            return blocked;
        }

        var lines = new List<BulkLine>(plan.Lines.Count);
        Error? stopped = null;
        foreach (var line in plan.Lines)
        {
            if (line.Status != BulkLineStatus.NotCached || stopped is not null)
            {
                lines.Add(line);
                continue;
            }

            var requested = await lookups.RequestAsync(new LookupRequest(line.Observable!, null, tenantId), ct);
            stopped = requested.Error;
            lines.Add(requested.Error is { } error ? line with { Error = error } : line with { Result = requested.Value });
        }

        return plan with { Lines = lines, Queued = true };
    }
}
