using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Application.ThreatLookup.Governance;

/// <summary>A restarted lookup is paid by its tenant and by the user who restarts it: refused at once when either has nothing left.</summary>
public sealed class ThreatLookupRestartCheck(LicenceGovernance governance, ThreatLookupSettingsService settings, CurrentUser user) : ITaskRestartCheck
{
    public string Kind => ThreatLookupTaskParameters.Kind;

    public async Task<Result> CheckAsync(TaskItem task, CancellationToken ct) =>
        await governance.CheckAsync(LookupService.Terms(await settings.GetAsync(ct)), task.TenantId, user.Id, ct);
}
