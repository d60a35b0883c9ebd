using System.Net;
using System.Text.Json;
using KumaTip.Application.ThreatLookup.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup.Governance;

/// <summary>What the governance tests do as people would: divide the licence, look up, wait for the task, read the usage.</summary>
public static class GovernanceSteps
{
    /// <summary>Each call counts a licence period of its own (a later end starts a new count), so tests never share counters.</summary>
    private static int _periods;

    /// <summary>Starts a new licence period of <paramref name="quota"/> requests; returns its last day.</summary>
    public static async Task<DateOnly> NewLicencePeriodAsync<TDb>(this LookupApp<TDb> app, int quota = 1000)
        where TDb : IDatabaseKind
    {
        var end = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(100 + Interlocked.Increment(ref _periods));
        await app.AsAdministratorAsync(async sp =>
        {
            var service = sp.GetRequiredService<ThreatLookupSettingsService>();
            var current = await service.GetViewAsync(CancellationToken.None);
            var saved = await service.UpdateAsync(
                new ThreatLookupSettingsInput(
                    false, app.SecretId, null, app.Simulator.BaseUrl.ToString(), "https://tip.kaspersky.com", null, LicenceQuota: quota,
                    LicencePeriodEnd: end, RequestTimeoutSeconds: 10),
                CancellationToken.None);
            Assert.True(saved.Succeeded, saved.Error?.Message);
            return current;
        });
        return end;
    }

    public static async Task AllocateAsync(this HttpClient admin, int? userDailyBudget, params (Guid TenantId, int? Requests)[] shares)
    {
        var response = await admin.PutAsJsonAsync(
            "/api/v1/settings/licence-allocation",
            new { userDailyBudget, shares = shares.Select(s => new { tenantId = s.TenantId, requests = s.Requests }) });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static Task<HttpResponseMessage> LookUpAsync(this HttpClient api, string value, Guid tenantId, bool refresh = false) =>
        api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId, refresh });

    /// <summary>A lookup that must be queued, waited for until it ends; returns the finished task.</summary>
    public static async Task<JsonElement> LookUpAndWaitAsync(this HttpClient api, string value, Guid tenantId, bool refresh = false)
    {
        var response = await api.LookUpAsync(value, tenantId, refresh);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
        return await api.WaitForTaskAsync(id);
    }

    public static Task<JsonElement> WaitForTaskAsync(this HttpClient api, Guid id) =>
        api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}?waitSeconds=60");

    public static Task<JsonElement> UsageAsync(this HttpClient api, string query = "") =>
        api.GetFromJsonAsync<JsonElement>("/api/v1/lookups/usage" + query);

    public static JsonElement TenantLine(this JsonElement usage, Guid tenantId) =>
        usage.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("tenantId").GetGuid() == tenantId);

    /// <summary>What the user spent today (for any tenant, or for the one named).</summary>
    public static int SpentToday(this JsonElement usage, string userName, Guid? tenantId = null) =>
        usage.GetProperty("days").EnumerateArray()
            .Where(d => d.GetProperty("userName").GetString() == userName
                        && d.GetProperty("day").GetString() == DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                        && (tenantId is null || (d.GetProperty("tenantId").ValueKind != JsonValueKind.Null && d.GetProperty("tenantId").GetGuid() == tenantId)))
            .Sum(d => d.GetProperty("spent").GetInt32());

    public static string NewDomain(string prefix) => $"{prefix}-{Guid.NewGuid():N}.example.com";
}
