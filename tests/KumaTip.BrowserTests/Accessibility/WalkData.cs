using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KumaTip.BrowserTests.Infrastructure;
using KumaTip.IntegrationTests.ThreatLookupUi;

namespace KumaTip.BrowserTests.Accessibility;

/// <summary>
/// What the walked pages show, seeded once for the whole walk: an analyst's tenant with an event naming a domain whose
/// Threat Lookup answer is cached (so the panel has every kind of table), the lookup's task, and the stored secret.
/// </summary>
public sealed record WalkData(TenantAnalyst Analyst, string Domain, string EventName, string EventAddress, Guid TaskId, Guid SecretId)
{
    private static readonly string[] DomainGroups = ["DomainGeneralInfo", "DomainWhoIsInfo", "DomainDnsResolutions"];
    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static WalkData? _seeded;

    public static async Task<WalkData> OfAsync(BrowserSuite suite)
    {
        await Seeding.WaitAsync();
        try
        {
            return _seeded ??= await SeedAsync(suite);
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static async Task<WalkData> SeedAsync(BrowserSuite suite)
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var domain = $"walk-{Guid.NewGuid():N}"[..15] + ".daywinners.com";
        var eventName = "Walk " + Guid.NewGuid().ToString("N")[..6];
        await suite.App.IngestAsync(analyst.TenantId, (eventName, new { DestinationHostName = domain }));
        var api = await suite.App.ApiClientAsync(analyst.User.UserName, analyst.User.Password);
        var lookup = await api.PostAsJsonAsync("/api/v1/lookups", new { value = domain, sections = DomainGroups, tenantId = analyst.TenantId });
        Assert.Equal(HttpStatusCode.Accepted, lookup.StatusCode);
        var taskId = (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
        Assert.Equal("Completed", (await api.WaitForTaskAsync(taskId)).GetProperty("state").GetString());

        var page = await suite.PageOfAsync(analyst);
        try
        {
            await page.GotoAsync("/Events?observable=" + Uri.EscapeDataString(domain));
            var href = await page.GetByRole(AriaRole.Link, new() { Name = eventName, Exact = true }).GetAttributeAsync("href");
            return new WalkData(analyst, domain, eventName, href!, taskId, suite.App.SecretId);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
