using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.BrowserTests.Infrastructure;
using KumaTip.IntegrationTests.ThreatLookupUi;
using KumaTip.TipSimulator.Data;

namespace KumaTip.BrowserTests.Accessibility;

/// <summary>
/// What the walked pages show, seeded once for the whole walk: an analyst's tenant with an event naming a domain whose
/// Threat Lookup answer is cached (so the panel has every kind of table), the lookup's task, the stored secret; every
/// data group of an IP address, a URL and a file cached too, and an address TIP does not know; the tenant's
/// administrator, whose own lookup finished and was never seen in the task manager, so the badge counts it.
/// </summary>
public sealed record WalkData(
    TenantAnalyst Analyst,
    TestUser TenantAdministrator,
    string Domain,
    string EventName,
    string EventAddress,
    Guid TaskId,
    Guid SecretId)
{
    /// <summary>
    /// Looked up with every data group TIP offers for it, so each panel shows each kind of section. Values of the walk's
    /// own, which the simulator knows (its verdict is drawn from the value): a fixture another test expects uncached
    /// (the phishing URL, 8.8.8.8) would be cached by the walk.
    /// </summary>
    public static readonly IReadOnlyList<(ObservableCategory Category, string Value)> CachedOthers =
    [
        (ObservableCategory.Ip, "185.22.67.14"),
        (ObservableCategory.Url, "http://walk." + SimulatorFixtures.PhishingDomain + "/accessibility"),
        (ObservableCategory.Hash, "4fdb1eacc53f27c9da720a17251fa63e"),
    ];

    /// <summary>
    /// An address of the walk's own that the simulator answers 404 for (one value in sixteen is unknown, drawn from the
    /// value): its panel says TIP does not know it. The fixture 45.45.45.45 is another test's, which expects it uncached.
    /// </summary>
    public const string UnknownIp = "185.22.68.15";

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

    /// <summary>The details page of a cached observable, as the analyst opens it.</summary>
    public string DetailsOf(ObservableCategory category, string value) =>
        $"/ThreatLookup/Details?value={Uri.EscapeDataString(value)}&type={category.TipName()}&tenantId={Analyst.TenantId}";

    private static async Task<WalkData> SeedAsync(BrowserSuite suite)
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var tenantAdministrator = await suite.App.CreateUserAsync(Roles.TenantAdministrator, analyst.TenantId);
        var domain = $"walk-{Guid.NewGuid():N}"[..15] + ".daywinners.com";
        var eventName = "Walk " + Guid.NewGuid().ToString("N")[..6];
        await suite.App.IngestAsync(analyst.TenantId, (eventName, new { DestinationHostName = domain }));
        var api = await suite.App.ApiClientAsync(analyst.User.UserName, analyst.User.Password);
        var taskId = await LookUpAsync(api, analyst.TenantId, ObservableCategory.Domain, domain)
                     ?? throw new InvalidOperationException($"{domain} was cached before the walk looked it up");
        foreach (var (category, value) in CachedOthers.Append((ObservableCategory.Ip, UnknownIp)))
        {
            await LookUpAsync(api, analyst.TenantId, category, value);
        }

        var administratorApi = await suite.App.ApiClientAsync(tenantAdministrator.UserName, tenantAdministrator.Password);
        await LookUpAsync(administratorApi, analyst.TenantId, ObservableCategory.Domain, $"badge-{Guid.NewGuid():N}.example.com");

        var page = await suite.PageOfAsync(analyst);
        try
        {
            await page.GotoAsync("/Events?observable=" + Uri.EscapeDataString(domain));
            var href = await page.GetByRole(AriaRole.Link, new() { Name = eventName, Exact = true }).GetAttributeAsync("href");
            return new WalkData(analyst, tenantAdministrator, domain, eventName, href!, taskId, suite.App.SecretId);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Looks the value up with every data group of its type and waits for the task; null when the cache answered.</summary>
    private static async Task<Guid?> LookUpAsync(HttpClient api, Guid tenantId, ObservableCategory category, string value)
    {
        var sections = TipDataGroups.For(category).Select(g => g.Key).ToArray();
        var lookup = await api.PostAsJsonAsync("/api/v1/lookups", new { value, sections, tenantId });
        Assert.True(lookup.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{value}: {(int)lookup.StatusCode} {await lookup.Content.ReadAsStringAsync()}");
        if (lookup.StatusCode == HttpStatusCode.OK)
        {
            return null;
        }

        var taskId = (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
        Assert.Equal("Completed", (await api.WaitForTaskAsync(taskId)).GetProperty("state").GetString());
        return taskId;
    }
}
