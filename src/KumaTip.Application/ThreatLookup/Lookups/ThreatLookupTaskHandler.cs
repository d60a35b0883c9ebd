using KumaTip.Application.Observables;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>
/// Runs a Threat Lookup task: fetches only the groups the cache still lacks, one fetch per observable at a time
/// (across tenants and instances), with a licence request reserved before each attempt, and stores the answer.
/// </summary>
public sealed class ThreatLookupTaskHandler(
    ObservableCache cache,
    LicenceInfoRecorder licenceInfo,
    LicenceGovernance governance,
    ThreatLookupSettingsService settings,
    ThreatLookupConnectionSource connections,
    TipClient client,
    TimeProvider time) : ITaskHandler
{
    private const string FetchingElsewhere = "Another lookup of this observable is fetching now.";

    public string Kind => ThreatLookupTaskParameters.Kind;

    public async Task<TaskOutcome> ExecuteAsync(TaskItem task, CancellationToken ct)
    {
        var parameters = ThreatLookupTaskParameters.FromJson(task.Parameters);
        var parsed = Observable.ParseKey(parameters.Key);
        if (!parsed.Succeeded)
        {
            return TaskOutcome.Failed(parsed.Error!);
        }

        var observable = parsed.Value!;
        if (await cache.TryBeginFetchAsync(observable, task.Id, ct) is not { } lease)
        {
            return TaskOutcome.Postpone(FetchingElsewhere);
        }

        var fetchEnded = false;
        try
        {
            // Read under the lease, so a fetch that has just ended is seen: another task (perhaps of another tenant)
            // may have obtained the data meanwhile, and then there is nothing to spend. An entry created with the
            // lease holds nothing: every group asked for is missing.
            var current = await settings.GetAsync(ct);
            var missing = lease.Created
                ? parameters.Sections
                : cache.Missing(await cache.FindAsync(observable.Key, ct), parameters.Sections, LookupService.Freshness(current));
            if (!parameters.Refresh && missing.Count == 0)
            {
                return TaskOutcome.Completed(ThreatLookupTaskResult.Of(observable, 0, [], null).ToJson());
            }

            var connection = await connections.GetAsync(ct);
            if (!connection.Succeeded)
            {
                return TaskOutcome.Failed(connection.Error!);
            }

            var groups = parameters.Refresh ? parameters.Sections : missing;
            var budget = new QuotaBudget(governance, LookupService.Terms(current), SpenderOf(task, parameters));
            var outcome = await client.LookupAsync(
                connection.Value!, new TipLookupRequest(observable.Category, observable.Value, groups, TipRequestBuilder.RecordsPerGroup), budget, ct);
            switch (outcome)
            {
                case TipLookupOutcome.Data data:
                    if (data.Answer.LicenseInfo is { } license)
                    {
                        licenceInfo.Record(license);
                    }

                    // Stores the answer and ends the fetch in one transaction.
                    fetchEnded = await cache.StoreAsync(lease, data.Answer, groups, ct);
                    break;
                case TipLookupOutcome.NotFound:
                    fetchEnded = await cache.StoreNotFoundAsync(lease, ct);
                    break;
                case TipLookupOutcome.TransientFailure transient:
                    return TaskOutcome.TransientFailure(transient.Error);
                default:
                    return TaskOutcome.Failed(outcome.Failure!);
            }

            // Not stored: this task's lease lapsed (its heartbeat failed) and another took it. A counted attempt, so a
            // lease that keeps lapsing cannot spend requests without end; the next one reads the other's answer.
            return fetchEnded
                ? TaskOutcome.Completed(ThreatLookupTaskResult.Of(
                    observable, outcome.RequestsSent, groups, time.GetUtcNow(), outcome is TipLookupOutcome.NotFound).ToJson())
                : TaskOutcome.TransientFailure("Another lookup took over the fetch of this observable while TIP answered.");
        }
        finally
        {
            if (!fetchEnded)
            {
                await cache.EndFetchAsync(lease, CancellationToken.None);
            }
        }
    }

    /// <summary>The task's tenant and creator pay (a restart's creator is whoever restarted it).</summary>
    private static LicenceSpender SpenderOf(TaskItem task, ThreatLookupTaskParameters parameters) => new(
        task.TenantId,
        task.CreatedById,
        task.CreatedByName,
        task.RestartedFromId is not null ? LicencePurpose.Restart : parameters.Refresh ? LicencePurpose.Refresh : LicencePurpose.Lookup);
}
