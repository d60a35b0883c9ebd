using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.ThreatLookup.Client;
using KumaTip.Application.ThreatLookup.Governance;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>
/// "Test connection" on the settings page: one real request with the stored secret, proxy and CA (even while the
/// integration is disabled), reserved against the licence like any other, reporting what a person needs to fix it.
/// </summary>
public sealed class ConnectionTest(
    ThreatLookupConnectionSource connections,
    ThreatLookupSettingsService settings,
    QuotaService quota,
    LicenceGovernance governance,
    TipConnectionTester tester,
    CurrentUser user,
    AuditLog audit)
{
    public async Task<Result<TipConnectionTestResult>> RunAsync(CancellationToken ct)
    {
        var connection = await connections.GetEvenIfDisabledAsync(ct);
        if (!connection.Succeeded)
        {
            return connection.Error!;
        }

        // The administrator's own request: it draws on the licence and on his daily budget, not on a tenant's share.
        var terms = LookupService.Terms(await settings.GetAsync(ct));
        var available = await governance.CheckAsync(terms, null, user.Id, ct);
        if (!available.Succeeded)
        {
            return available.Error!;
        }

        var spender = new LicenceSpender(null, user.Id, user.UserName, LicencePurpose.ConnectionTest);
        var result = await tester.TestAsync(connection.Value!, new QuotaBudget(governance, terms, spender), ct);
        await audit.RecordNowAsync(AuditActions.Test, ThreatLookupSettingsService.AuditObject, $"{ThreatLookupSettings.SingletonId}", "Kaspersky Threat Lookup", null, ct);
        if (result.License is { } license)
        {
            await quota.RecordLicenseInfoAsync(license, ct);
        }

        return result;
    }
}
