using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.ThreatLookup.Client;
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
    TipConnectionTester tester,
    AuditLog audit)
{
    public async Task<Result<TipConnectionTestResult>> RunAsync(CancellationToken ct)
    {
        var connection = await connections.GetEvenIfDisabledAsync(ct);
        if (!connection.Succeeded)
        {
            return connection.Error!;
        }

        var terms = LookupService.Terms(await settings.GetAsync(ct));
        var result = await tester.TestAsync(connection.Value!, new QuotaBudget(quota, terms), ct);
        await audit.RecordNowAsync(AuditActions.Test, ThreatLookupSettingsService.AuditObject, $"{ThreatLookupSettings.SingletonId}", "Kaspersky Threat Lookup", null, ct);
        if (result.License is { } license)
        {
            await quota.RecordLicenseInfoAsync(license, ct);
        }

        return result;
    }
}
