using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using KumaTip.BrowserTests.Infrastructure;
using KumaTip.IntegrationTests.ThreatLookupUi;

namespace KumaTip.BrowserTests.Flows;

/// <summary>The details panel of a cached observable, in English and in Russian: its times, its pivots and its exports.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DetailsPanelTests(BrowserSuite suite)
{
    private static readonly string[] DomainGroups = ["DomainGeneralInfo", "DomainWhoIsInfo", "DomainDnsResolutions"];

    [Fact]
    public async Task A_cached_observable_opens_beside_the_event_with_its_update_time_in_the_readers_language_and_zone()
    {
        var (analyst, domain, eventName) = await AnalystWithCachedDomainAsync();
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            var events = new EventsPage(page);
            var lookup = new ThreatLookupPages(page);
            await page.GotoAsync("/Events");
            await events.OpenEventAsync(eventName);
            var listAddress = page.Url;

            await events.ShowInfoFromThreatLookupAsync(domain);
            await Assertions.Expect(lookup.SidePanel.GetByRole(AriaRole.Heading, new() { Name = "Domain information", Exact = true })).ToBeVisibleAsync();
            var updated = await lookup.UpdateTimeAsync();
            await Assertions.Expect(lookup.UpdatedAt).ToHaveTextAsync(Local(updated, "en"));
            await Assertions.Expect(lookup.UpdatedAt).ToHaveAttributeAsync("title", UtcTooltip());
            await Assertions.Expect(lookup.Section("Zone")).ToContainTextAsync(new Regex("⚠\\s*Dangerous"));
            Assert.Equal(listAddress, page.Url);

            await lookup.SidePanel.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Assertions.Expect(lookup.SidePanel).ToBeHiddenAsync();
            await shell.SwitchLanguageAsync("RU");
            await events.OpenEventAsync(eventName, "Информация о событии");
            await events.ShowInfoFromThreatLookupAsync(domain, "Показать информацию из Threat Lookup");
            await Assertions.Expect(lookup.SidePanel.GetByRole(AriaRole.Heading, new() { Name = "Информация о домене", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(lookup.UpdatedAt).ToHaveTextAsync(Local(updated, "ru"));
            Assert.Matches(RussianTime(), await lookup.UpdatedAt.InnerTextAsync());
            await Assertions.Expect(lookup.Section("About")).ToContainTextAsync("Время обновления");
            await Assertions.Expect(lookup.Section("About")).ToContainTextAsync("Значение наблюдаемого объекта");
            await Assertions.Expect(lookup.Section("Zone")).ToContainTextAsync(new Regex("⚠\\s*Опасное"));

            // The row of anchors leads to KUMA's sections.
            await lookup.Panel.GetByTestId("panel-anchors").GetByRole(AriaRole.Link, new() { Name = "WHOIS-сведения о домене" }).ClickAsync();
            await Assertions.Expect(lookup.Section("DomainWhoIsInfo").GetByRole(AriaRole.Heading, new() { Name = "WHOIS-сведения о домене", Exact = true })).ToBeInViewportAsync();
            await Assertions.Expect(lookup.Section("DomainWhoIsInfo")).ToContainTextAsync("Дата создания");
        });
    }

    [Fact]
    public async Task A_DNS_address_and_a_WHOIS_name_server_in_the_panel_open_their_own_panels()
    {
        var (analyst, domain, eventName) = await AnalystWithCachedDomainAsync();
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var shell = new Shell(page);
            var events = new EventsPage(page);
            var lookup = new ThreatLookupPages(page);
            await page.GotoAsync("/Events");
            var eventAddress = await events.OpenEventAsync(eventName);

            // English: an IP address the domain resolved to.
            await events.ShowInfoFromThreatLookupAsync(domain);
            var address = lookup.Section("DomainDnsResolutions").Locator("details.observable-menu").First;
            var ip = (await address.Locator("summary").InnerTextAsync()).Trim();
            await lookup.PivotAsync(address, then: async menu => await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Events with this observable" }))
                .ToHaveAttributeAsync("href", $"/Events?observable={Uri.EscapeDataString(ip)}"));
            await lookup.RequestIfNotCachedAsync(ip);
            await Assertions.Expect(lookup.PanelOf(ip).GetByRole(AriaRole.Heading, new() { Name = "IP address information", Exact = true })).ToBeVisibleAsync();

            // Russian: a name server from the WHOIS.
            await page.GotoAsync(eventAddress);
            await shell.SwitchLanguageAsync("RU");
            await events.ShowInfoFromThreatLookupAsync(domain, "Показать информацию из Threat Lookup");
            var nameServer = lookup.Section("DomainWhoIsInfo").Locator("details.observable-menu").Filter(new() { HasTextRegex = NameServer() }).First;
            var server = (await nameServer.Locator("summary").InnerTextAsync()).Trim();
            await lookup.PivotAsync(nameServer, then: async menu => await Assertions.Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "События с этим объектом" })).ToBeVisibleAsync());
            await lookup.RequestIfNotCachedAsync(server);
            await Assertions.Expect(lookup.PanelOf(server).GetByRole(AriaRole.Heading, new() { Name = "Информация о домене", Exact = true })).ToBeVisibleAsync();
        });
    }

    [Fact]
    public async Task The_panel_exports_as_JSON_and_each_table_as_CSV_in_the_readers_language()
    {
        var (analyst, domain, _) = await AnalystWithCachedDomainAsync();
        var page = await suite.PageOfAsync(analyst);
        await page.RunAsync(async () =>
        {
            var lookup = new ThreatLookupPages(page);
            await page.GotoAsync($"/ThreatLookup/Details?value={domain}&type=domain&tenantId={analyst.TenantId}");
            await lookup.WaitForPanelAsync();

            var json = await page.RunAndWaitForDownloadAsync(() => lookup.Panel.GetByRole(AriaRole.Link, new() { Name = "Export JSON" }).ClickAsync());
            Assert.Equal($"domain-{domain}.json", json.SuggestedFilename);
            using var answer = JsonDocument.Parse(await File.ReadAllTextAsync((await json.PathAsync())!));
            Assert.Equal($"domain:{domain}", answer.RootElement.GetProperty("key").GetString());
            var groups = answer.RootElement.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s);
            Assert.All(DomainGroups, group => Assert.True(groups[group].GetProperty("obtainedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(-1), group));

            var dns = lookup.Section("DomainDnsResolutions");
            Assert.Equal(["IP address", "Zone"], await CsvHeaderAsync(page, dns.GetByRole(AriaRole.Link, new() { Name = "Export CSV" })));

            // The tables sort by a click on a column.
            await dns.GetByRole(AriaRole.Button, new() { Name = "IP address" }).ClickAsync();
            await Assertions.Expect(dns.Locator("th").First).ToHaveAttributeAsync("aria-sort", "ascending");

            await new Shell(page).SwitchLanguageAsync("RU");
            await Assertions.Expect(lookup.Panel.GetByRole(AriaRole.Link, new() { Name = "Экспорт в JSON" })).ToBeVisibleAsync();
            Assert.Equal(["IP-адрес", "Зона"], await CsvHeaderAsync(page, lookup.Section("DomainDnsResolutions").GetByRole(AriaRole.Link, new() { Name = "Экспорт в CSV" })));
        });
    }

    /// <summary>An analyst of a new tenant, an event naming a new phishing domain, and that domain's WHOIS and DNS in the cache.</summary>
    private async Task<(TenantAnalyst Analyst, string Domain, string EventName)> AnalystWithCachedDomainAsync()
    {
        await suite.App.ConfigureAsync();
        var analyst = await suite.App.AnalystOfNewTenantAsync();
        var domain = $"panel-{Guid.NewGuid():N}"[..16] + ".daywinners.com";
        var eventName = "Visit " + Guid.NewGuid().ToString("N")[..6];
        await suite.App.IngestAsync(analyst.TenantId, (eventName, new { DestinationHostName = domain }));
        var api = await suite.App.ApiClientAsync(analyst.User.UserName, analyst.User.Password);
        var lookup = await api.PostAsJsonAsync("/api/v1/lookups", new { value = domain, sections = DomainGroups, tenantId = analyst.TenantId });
        Assert.Equal(HttpStatusCode.Accepted, lookup.StatusCode);
        var task = await api.WaitForTaskAsync((await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid());
        Assert.Equal("Completed", task.GetProperty("state").GetString());
        return (analyst, domain, eventName);
    }

    private static async Task<string[]> CsvHeaderAsync(IPage page, ILocator link)
    {
        var csv = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.EndsWith("-DomainDnsResolutions.csv", csv.SuggestedFilename, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync((await csv.PathAsync())!);
        return lines[0].TrimStart('\uFEFF').Split(',');
    }

    /// <summary>The time as the panel writes it in the browser's zone: Russian 25.02.2025 13:25, English 2/25/2025 1:25 PM.</summary>
    private static string Local(DateTimeOffset utc, string language) =>
        TimeZoneInfo.ConvertTime(utc, TimeZoneInfo.FindSystemTimeZoneById(BrowserSuite.ReaderTimeZone)).ToString("g", CultureInfo.GetCultureInfo(language));

    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC$")]
    private static partial Regex UtcTooltip();

    [GeneratedRegex("^\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}$")]
    private static partial Regex RussianTime();

    [GeneratedRegex("^\\s*ns\\d")]
    private static partial Regex NameServer();
}
