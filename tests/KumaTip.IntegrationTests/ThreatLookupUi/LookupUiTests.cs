using System.Net;
using System.Text.Json;
using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tasks;
using KumaTip.IntegrationTests.Events;
using KumaTip.IntegrationTests.ThreatLookup;
using KumaTip.Web.Pages.ThreatLookup.Panel;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookupUi;

public abstract class LookupUiTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly string[] UrlGroups = ["UrlGeneralInfo", "UrlDomainWhoIs", "DomainDnsResolutions", "UrlReferrals", "UrlReferredTo", "FilesDownloaded", "FilesAccessed"];

    [Fact]
    public async Task Show_info_opens_the_enrichment_window_and_Request_leads_to_the_details_panel()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var url = PhishingUrl();
        var eventId = await IngestAsync(tenant, url);
        var remaining = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("remaining").GetInt32();
        var periodEnd = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(90));

        var showInfo = LookupUiSteps.ShowInfoLink(await browser.GetStringAsync($"/Events/{eventId}"), Key(url));
        var window = await browser.GetStringAsync(showInfo);

        Assert.Contains($"tenantId={tenant}", showInfo, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"enrichment-window\"", window, StringComparison.Ordinal);
        Assert.Contains("Threat Lookup enrichment", window, StringComparison.Ordinal);
        Assert.All(UrlGroups, group => Assert.Contains($"name=\"sections\" value=\"{group}\"", window, StringComparison.Ordinal));
        Assert.Contains("name=\"sections\" value=\"UrlGeneralInfo\" checked=\"checked\"", window, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"sections\" value=\"FilesAccessed\" checked", window, StringComparison.Ordinal);
        Assert.Contains($"Uses 1 of the {remaining} requests left until {periodEnd.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en"))}", window, StringComparison.Ordinal);
        browser.Russian();
        Assert.Contains($"Использует 1 из {remaining} оставшихся запросов до {periodEnd.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture)}", await browser.GetStringAsync(showInfo), StringComparison.Ordinal);
        Assert.Contains("Обогащение Threat Lookup", await browser.GetStringAsync(showInfo), StringComparison.Ordinal);
        browser.English();

        var requested = await browser.PostFieldsAsync(showInfo, "/ThreatLookup", Request(url, tenant, "UrlGeneralInfo", "UrlDomainWhoIs"));
        var taskId = LookupUiSteps.ProgressTaskId(requested.Location());
        Assert.Equal("Completed", (await browser.WaitForTaskAsync(taskId)).GetProperty("state").GetString());
        var details = (await browser.GetAsync($"/ThreatLookup/Progress/{taskId}")).Location();
        var panel = await browser.GetStringAsync(details);

        Assert.Contains("URL information", panel, StringComparison.Ordinal);
        Assert.Contains("data-zone=\"Red\">Dangerous</span>", panel, StringComparison.Ordinal);
        Assert.Contains("data-section=\"CategoriesWithZone\"", panel, StringComparison.Ordinal);
        Assert.Matches("<td>\\s*<span class=\"value\">Phishing</span>", panel);
        Assert.Contains("dd.daywinners.com", panel, StringComparison.Ordinal);
        Assert.Contains("data-section=\"UrlDomainWhoIs\"", panel, StringComparison.Ordinal);
        Assert.True(LookupUiSteps.UpdateTime(panel) > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Contains($"rel=\"noopener noreferrer\"", panel, StringComparison.Ordinal);
        Assert.Contains("https://tip.kaspersky.com/search?searchString=", panel, StringComparison.Ordinal);
        browser.Russian();
        var russian = await browser.GetStringAsync(details);
        Assert.Contains("Информация о URL", russian, StringComparison.Ordinal);
        Assert.Contains("data-zone=\"Red\">Опасное</span>", russian, StringComparison.Ordinal);
        Assert.Contains("Обновить данные", russian, StringComparison.Ordinal);
        Assert.Contains("Перейти на Kaspersky TIP", russian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_info_on_a_cached_observable_opens_the_panel_at_once_and_Refresh_data_asks_again()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var url = PhishingUrl();
        var showInfo = LookupUiSteps.ShowInfoLink(await browser.GetStringAsync($"/Events/{await IngestAsync(tenant, url)}"), Key(url));
        var firstPanel = await LookUpAsync(browser, showInfo, url, tenant);
        var first = LookupUiSteps.UpdateTime(firstPanel);

        var again = await browser.GetAsync(showInfo);
        var panelAddress = again.Location();
        Assert.StartsWith("/ThreatLookup/Details", panelAddress, StringComparison.Ordinal);
        Assert.Equal(first, LookupUiSteps.UpdateTime(await browser.GetStringAsync(panelAddress)));
        Assert.Equal(1, app.Simulator.RequestCount(url));

        var refreshed = await browser.PostFieldsAsync(panelAddress, "/ThreatLookup/Details?handler=Refresh", Request(url, tenant, "UrlGeneralInfo", "UrlDomainWhoIs"));
        var taskId = LookupUiSteps.ProgressTaskId(refreshed.Location());
        Assert.Equal("Completed", (await browser.WaitForTaskAsync(taskId)).GetProperty("state").GetString());
        var panel = await browser.GetStringAsync((await browser.GetAsync($"/ThreatLookup/Progress/{taskId}")).Location());

        Assert.Equal(2, app.Simulator.RequestCount(url));
        Assert.True(LookupUiSteps.UpdateTime(panel) > first);
    }

    [Fact]
    public async Task The_panel_beside_the_events_is_the_same_markup_for_everyone_and_follows_a_refresh()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var colleague = await app.CreateUserAsync(Roles.Analyst, tenant);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var other = await app.SignInAsync(colleague.UserName, colleague.Password);
        var url = PhishingUrl();
        var eventAddress = $"/Events/{await IngestAsync(tenant, url)}";
        var eventPage = await browser.GetStringAsync(eventAddress);
        var showInfo = LookupUiSteps.ShowInfoLink(eventPage, Key(url));
        var panelAddress = "/ThreatLookup/Panel" + showInfo[showInfo.IndexOf('?', StringComparison.Ordinal)..];

        Assert.Contains("data-side-panel", eventPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(panelAddress)).StatusCode);
        var first = LookupUiSteps.UpdateTime(await LookUpAsync(browser, showInfo, url, tenant));

        var response = await browser.GetAsync(panelAddress);
        var panel = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<section class=\"card lookup-panel\" data-testid=\"observable-panel\"", panel.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", panel, StringComparison.Ordinal);
        Assert.Contains("URL information", panel, StringComparison.Ordinal);
        Assert.Equal(first, LookupUiSteps.UpdateTime(panel));
        Assert.DoesNotContain("__RequestVerificationToken", panel, StringComparison.Ordinal);
        Assert.DoesNotContain(PanelHtml.TokenSlot, panel, StringComparison.Ordinal);
        Assert.Equal(panel, await other.GetStringAsync(panelAddress));
        browser.Russian();
        Assert.Contains("Информация о URL", await browser.GetStringAsync(panelAddress), StringComparison.Ordinal);
        browser.English();
        Assert.Contains("URL information", await browser.GetStringAsync(panelAddress), StringComparison.Ordinal);

        // Refresh data from the panel posts with the token of the events page it was opened in; the panel then shows the new data.
        var refreshed = await other.PostFieldsAsync(eventAddress, "/ThreatLookup/Details?handler=Refresh", Request(url, tenant, "UrlGeneralInfo", "UrlDomainWhoIs"));
        var taskId = LookupUiSteps.ProgressTaskId(refreshed.Location());
        Assert.Equal("Completed", (await other.WaitForTaskAsync(taskId)).GetProperty("state").GetString());
        Assert.True(LookupUiSteps.UpdateTime(await browser.GetStringAsync(panelAddress)) > first);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/ThreatLookup/Panel?value=%20&type=url")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(panelAddress)).StatusCode);
    }

    [Fact]
    public async Task Progress_page_refreshes_itself_without_scripts_until_the_task_finishes()
    {
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var task = await QueuedTaskAsync(tenant, analyst, "url:http://dd.daywinners.com/queued");

        var progress = await browser.GetStringAsync($"/ThreatLookup/Progress/{task}");

        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"2\" /></noscript>", progress, StringComparison.Ordinal);
        Assert.Contains("data-task-progress=\"" + task + "\"", progress, StringComparison.Ordinal);
        Assert.Contains(">Queued</span>", progress, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_lookup_shows_its_reason_and_errors_of_Request_are_shown_in_the_window()
    {
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var wrong = await app.StoreSecretAsync("wrong password", "not-the-password");
        var value = $"denied-{Guid.NewGuid():N}.example.com";
        await app.ConfigureAsync(secretId: wrong);
        try
        {
            var window = $"/ThreatLookup?value={value}&type=domain&tenantId={tenant}";
            var requested = await browser.PostFieldsAsync(window, "/ThreatLookup", Request(value, tenant, "DomainGeneralInfo", type: "domain"));
            var taskId = LookupUiSteps.ProgressTaskId(requested.Location());
            await browser.WaitForTaskAsync(taskId);
            var failed = await browser.GetStringAsync($"/ThreatLookup/Progress/{taskId}");
            Assert.Contains(">Error</span>", failed, StringComparison.Ordinal);
            Assert.Contains("Terms and Conditions", failed, StringComparison.Ordinal);

            await app.ConfigureAsync(disabled: true);
            var refused = await browser.PostFieldsAsync(window, "/ThreatLookup", Request($"off-{value}", tenant, "DomainGeneralInfo", type: "domain"));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Threat Lookup is disabled", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await app.ConfigureAsync();
        }
    }

    [Fact]
    public async Task With_no_requests_left_the_window_says_so_and_Request_shows_the_quota_message()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var spent = await browser.PostAsJsonAsync("/api/v1/lookups", new { value = $"spend-{Guid.NewGuid():N}.example.com", tenantId = tenant });
        await browser.WaitForTaskAsync((await spent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid());
        var used = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("used").GetInt32();
        await app.ConfigureAsync(quota: used);
        try
        {
            var value = $"quota-{Guid.NewGuid():N}.example.com";
            var window = $"/ThreatLookup?value={value}&type=domain&tenantId={tenant}";
            Assert.Contains("No Threat Lookup requests are left in this licence period.", await browser.GetStringAsync(window), StringComparison.Ordinal);

            var refused = await browser.PostFieldsAsync(window, "/ThreatLookup", Request(value, tenant, "DomainGeneralInfo", type: "domain"));

            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Cached data is still available", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(0, app.Simulator.RequestCount(value));
        }
        finally
        {
            await app.ConfigureAsync();
        }
    }

    [Fact]
    public async Task A_private_address_gets_the_note_and_no_Request()
    {
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        var window = await browser.GetStringAsync($"/ThreatLookup?value=10.1.2.3&type=ip&tenantId={tenant}");

        Assert.Contains("Threat Lookup knows nothing useful about private or reserved addresses and names (10.0.0.0/8).", window, StringComparison.Ordinal);
        Assert.DoesNotContain("data-lookup-window", window, StringComparison.Ordinal);
        Assert.Equal(0, app.Simulator.RequestCount("10.1.2.3"));
    }

    [Fact]
    public async Task Task_manager_lists_the_lookup_with_its_creator_and_offers_Show_result_and_Restart()
    {
        await app.ConfigureAsync();
        var tenant = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var colleague = await app.CreateUserAsync(Roles.Analyst, tenant);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var url = PhishingUrl();
        var showInfo = $"/ThreatLookup?value={Uri.EscapeDataString(url)}&type=url&tenantId={tenant}";
        await LookUpAsync(browser, showInfo, url, tenant);
        var mine = (await browser.GetFromJsonAsync<List<JsonElement>>("/api/v1/tasks"))!.Single();
        var mineId = mine.GetProperty("id").GetGuid();
        var colleagueApi = await app.ApiClientAsync(colleague.UserName, colleague.Password);
        var theirs = await colleagueApi.PostAsJsonAsync("/api/v1/lookups", new { value = $"colleague-{Guid.NewGuid():N}.example.com", tenantId = tenant });
        var theirsId = (await theirs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();

        var list = await browser.GetStringAsync("/Tasks");
        var everyone = await browser.GetStringAsync("/Tasks?mine=false");

        Assert.Contains($"data-task-id=\"{mineId}\" data-state=\"Completed\"", list, StringComparison.Ordinal);
        Assert.Contains(analyst.UserName, list, StringComparison.Ordinal);
        Assert.Contains("name=\"mine\" value=\"true\" checked=\"checked\"", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Tasks/{mineId}/Result\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirsId.ToString(), list, StringComparison.Ordinal);
        Assert.Contains(theirsId.ToString(), everyone, StringComparison.Ordinal);
        Assert.Contains(colleague.UserName, everyone, StringComparison.Ordinal);
        browser.Russian();
        var russian = await browser.GetStringAsync("/Tasks");
        Assert.Contains("Диспетчер задач", russian, StringComparison.Ordinal);
        Assert.Contains("Отображать только свои", russian, StringComparison.Ordinal);
        Assert.Contains("Показать результат", russian, StringComparison.Ordinal);
        Assert.Contains("Перезапустить", russian, StringComparison.Ordinal);
        browser.English();

        var result = await browser.GetStringAsync($"/Tasks/{mineId}/Result");
        Assert.Contains("URL information", result, StringComparison.Ordinal);
        Assert.Contains("data-zone=\"Red\"", result, StringComparison.Ordinal);

        var restarted = await browser.PostFormAsync($"/Tasks?id={mineId}", new(), handler: "Restart", formPage: "/Tasks");
        Assert.StartsWith("/Tasks", restarted.Location(), StringComparison.Ordinal);
        var tasks = await browser.GetFromJsonAsync<List<JsonElement>>("/api/v1/tasks");
        var again = Assert.Single(tasks!, t => t.GetProperty("restartedFromId").ValueKind != JsonValueKind.Null);
        Assert.Equal(mineId, again.GetProperty("restartedFromId").GetGuid());
    }

    [Fact]
    public async Task Cancel_in_the_task_manager_cancels_a_queued_task()
    {
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var task = await QueuedTaskAsync(tenant, analyst, "domain:cancel-me.example.com");
        Assert.Contains($"data-task-id=\"{task}\" data-state=\"Queued\"", await browser.GetStringAsync("/Tasks"), StringComparison.Ordinal);

        var cancelled = await browser.PostFormAsync($"/Tasks?id={task}", new(), handler: "Cancel", formPage: "/Tasks");

        Assert.StartsWith("/Tasks", cancelled.Location(), StringComparison.Ordinal);
        var list = await browser.GetStringAsync("/Tasks");
        Assert.Contains($"data-task-id=\"{task}\" data-state=\"Cancelled\"", list, StringComparison.Ordinal);
        Assert.Contains($"Cancelled by {analyst.UserName}.", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_show_the_zone_of_their_observables_and_filter_by_zone()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var url = PhishingUrl();
        var red = await IngestAsync(tenant, url);
        await app.IngestAsync(tenant, EventTesting.Sample(DateTimeOffset.UtcNow, "Unlooked", new { DestinationHostName = $"quiet-{Guid.NewGuid():N}.example.org" }));
        await LookUpAsync(browser, $"/ThreatLookup?value={Uri.EscapeDataString(url)}&type=url&tenantId={tenant}", url, tenant);

        var all = await browser.GetStringAsync("/Events");
        var onlyRed = await browser.GetStringAsync("/Events?zone=Red");
        var onlyGreen = await browser.GetStringAsync("/Events?zone=Green");

        Assert.Contains("data-zone=\"Red\">Dangerous</span>", Row(all, red), StringComparison.Ordinal);
        Assert.Contains("Unlooked", all, StringComparison.Ordinal);
        Assert.Contains($"data-event-id=\"{red}\"", onlyRed, StringComparison.Ordinal);
        Assert.DoesNotContain("Unlooked", onlyRed, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Red\" selected=\"selected\">", onlyRed, StringComparison.Ordinal);
        Assert.DoesNotContain($"data-event-id=\"{red}\"", onlyGreen, StringComparison.Ordinal);
        var api = await app.AdminApiClientAsync();
        var viaApi = await api.GetFromJsonAsync<JsonElement>($"/api/v1/events?tenant={tenant}&zone=Red");
        Assert.Equal([red], viaApi.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Events_with_a_file_looked_up_by_another_hash_are_found_by_zone()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var file = KumaTip.TipSimulator.Data.SimulatorFixtures.AdwareFile;
        var byMd5 = (await app.IngestAndListAsync(tenant, new { FileHash = file.Md5 })).Single();
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);
        var lookup = await api.PostAsJsonAsync("/api/v1/lookups", new { value = file.Sha256, tenantId = tenant });
        if (lookup.StatusCode == HttpStatusCode.Accepted)
        {
            await api.WaitForTaskAsync((await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid());
        }

        var yellow = await api.GetFromJsonAsync<JsonElement>($"/api/v1/events?tenant={tenant}&zone=Yellow");

        Assert.Equal([byMd5], yellow.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Values_from_TIP_are_shown_as_text_never_as_markup()
    {
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var value = $"http://xss-{Guid.NewGuid():N}.example.com/a";
        await app.CacheAsync(value, new()
        {
            ["Zone"] = "\"Red\"",
            ["UrlGeneralInfo"] = """{"Url":"<script>alert(1)</script>","Host":"<b>host</b>","Categories":["<img src=x onerror=alert(2)>"],"CategoriesWithZone":[{"Name":"CATEGORY_PHISHING","Zone":"Red"}]}""",
            ["SomethingNew<i>"] = """[{"<u>key</u>":"<script>alert(3)</script>","Nested":{"Deep":["<em>x</em>"]}},{"Other":1}]""",
        });

        var panel = await browser.GetStringAsync($"/ThreatLookup/Details?value={Uri.EscapeDataString(value)}&type=url&tenantId={tenant}");

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", panel, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;host&lt;/b&gt;", panel, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(3)&lt;/script&gt;", panel, StringComparison.Ordinal);
        Assert.Contains("class=\"sort\">&lt;u&gt;key&lt;/u&gt;</button>", panel, StringComparison.Ordinal);
        Assert.Contains("class=\"sort\">Other</button>", panel, StringComparison.Ordinal);
        Assert.Contains("&lt;em&gt;x&lt;/em&gt;", panel, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(2)&gt;", panel, StringComparison.Ordinal);
        Assert.Matches("<td>\\s*<span class=\"value\">Phishing</span>", panel);
        Assert.DoesNotContain("<script>alert", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>host", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("<u>key", panel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_old_section_is_marked_stale_and_a_not_found_entry_says_TIP_has_no_information()
    {
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var value = $"old-{Guid.NewGuid():N}.example.com";
        await app.CacheAsync(value, new() { ["Zone"] = "\"Green\"", ["DomainGeneralInfo"] = """{"Domain":"x"}""" }, obtainedAt: DateTimeOffset.UtcNow.AddDays(-30));
        var unknown = $"gone-{Guid.NewGuid():N}.example.com";
        await app.CacheAsync(unknown, [], notFound: true);

        var stale = await browser.GetStringAsync($"/ThreatLookup/Details?value={value}&type=domain&tenantId={tenant}");
        var nothing = await browser.GetStringAsync($"/ThreatLookup/Details?value={unknown}&type=domain&tenantId={tenant}");

        Assert.Contains("Domain information", stale, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"stale-mark\"", stale, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"stale-note\"", stale, StringComparison.Ordinal);
        Assert.Contains("Kaspersky TIP has no information about this object", nothing, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"stale-mark\"", nothing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_analyst_of_another_tenant_gets_404_for_the_task_and_its_result()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var (_, stranger) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var strangerBrowser = await app.SignInAsync(stranger.UserName, stranger.Password);
        var url = PhishingUrl();
        await LookUpAsync(browser, $"/ThreatLookup?value={Uri.EscapeDataString(url)}&type=url&tenantId={tenant}", url, tenant);
        var taskId = (await browser.GetFromJsonAsync<List<JsonElement>>("/api/v1/tasks"))!.Single().GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Tasks/{taskId}/Result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.GetAsync($"/Tasks/{taskId}/Result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.GetAsync($"/ThreatLookup/Progress/{taskId}")).StatusCode);
        Assert.DoesNotContain(taskId.ToString(), await strangerBrowser.GetStringAsync("/Tasks?mine=false"), StringComparison.Ordinal);
        var refused = await strangerBrowser.PostFieldsAsync("/Tasks", $"/Tasks?handler=Restart&id={taskId}", []);
        Assert.Contains("not found", await refused.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_panel_beside_the_events_refuses_a_tenant_that_is_not_the_users()
    {
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var (otherTenant, _) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var value = $"panel-{Guid.NewGuid():N}.example.com";
        await app.CacheAsync(value, new() { ["Zone"] = "\"Red\"", ["DomainGeneralInfo"] = """{"Domain":"x"}""" });
        var panel = $"/ThreatLookup/Panel?value={value}&type=domain&tenantId=";

        var own = await browser.GetAsync(panel + tenant);
        var others = await browser.GetAsync(panel + otherTenant);
        var unknown = await browser.GetAsync(panel + Guid.NewGuid());

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Contains(tenant.ToString(), await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, others.StatusCode);
        Assert.DoesNotContain(otherTenant.ToString(), await others.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private static string Row(string html, long eventId)
    {
        var row = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-event-id=\"{eventId}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, $"event {eventId} is not in the table");
        return row.Groups[1].Value;
    }

    private static string PhishingUrl() => $"http://dd.daywinners.com/ui/{Guid.NewGuid():N}.exe";

    private static string Key(string value) => ObservableParser.Parse(value).Value!.Key;

    private static List<KeyValuePair<string, string>> Request(string value, Guid tenant, string group, string? other = null, string type = "url")
    {
        var fields = new List<KeyValuePair<string, string>> { new("value", value), new("type", type), new("tenantId", tenant.ToString()), new("sections", group) };
        if (other is not null)
        {
            fields.Add(new("sections", other));
        }

        return fields;
    }

    private async Task<(Guid Tenant, TestUser Analyst)> AnalystOfNewTenantAsync()
    {
        var tenant = await app.CreateTenantAsync();
        return (tenant, await app.CreateUserAsync(Roles.Analyst, tenant));
    }

    private async Task<long> IngestAsync(Guid tenant, string url) =>
        (await app.IngestAndListAsync(tenant, new { RequestUrl = url })).Single();

    /// <summary>Request from the window, wait for the task, open the panel it leads to; returns the panel's HTML.</summary>
    private static async Task<string> LookUpAsync(HttpClient browser, string window, string value, Guid tenant)
    {
        var requested = await browser.PostFieldsAsync(window, "/ThreatLookup", Request(value, tenant, "UrlGeneralInfo", "UrlDomainWhoIs"));
        var taskId = LookupUiSteps.ProgressTaskId(requested.Location());
        Assert.Equal("Completed", (await browser.WaitForTaskAsync(taskId)).GetProperty("state").GetString());
        return await browser.GetStringAsync((await browser.GetAsync($"/ThreatLookup/Progress/{taskId}")).Location());
    }

    /// <summary>A task no worker takes yet (available in an hour), as if the queue were busy.</summary>
    private Task<Guid> QueuedTaskAsync(Guid tenant, TestUser creator, string observableKey) => app.AsAdministratorAsync(async sp =>
    {
        var now = DateTimeOffset.UtcNow;
        var parameters = new KumaTip.Application.ThreatLookup.Lookups.ThreatLookupTaskParameters(observableKey, ["DomainGeneralInfo"], false);
        var task = new TaskItem
        {
            Id = Guid.CreateVersion7(),
            Kind = KumaTip.Application.ThreatLookup.Lookups.ThreatLookupTaskParameters.Kind,
            TenantId = tenant,
            Title = "Threat Lookup: " + observableKey,
            Parameters = parameters.ToJson(),
            State = TaskState.Queued,
            CreatedById = creator.Id,
            CreatedByName = creator.UserName,
            CreatedAt = now,
            UpdatedAt = now,
            AvailableAt = now.AddHours(1),
            MaxAttempts = 3,
        };
        var db = sp.GetRequiredService<AppDbContext>();
        db.Tasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    });
}

public sealed class LookupUiTestsOnSqlite(LookupApp<OnSqlite> app) : LookupUiTests<OnSqlite>(app);

public sealed class LookupUiTestsOnPostgres(LookupApp<OnPostgres> app) : LookupUiTests<OnPostgres>(app);
