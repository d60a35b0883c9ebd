using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.ThreatLookup;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.IntegrationTests.ThreatLookupUi;

/// <summary>
/// The views KUMA's flow places beside the events table (side-panel.js): Event information, the window «Подробнее»,
/// the enrichment window, the progress of Request and the panel, each without the page around it (fragment=true),
/// and each still a page of its own.
/// </summary>
public abstract partial class DetailsAreaTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Event_information_comes_alone_for_the_details_area_and_is_still_a_page_with_Back_to_events()
    {
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var eventId = (await app.IngestAndListAsync(tenant, new { DestinationHostName = Domain() })).Single();

        var alone = await browser.GetStringAsync($"/Events/{eventId}?fragment=true");
        var page = await browser.GetStringAsync($"/Events/{eventId}");

        Assert.DoesNotContain("<html", alone, StringComparison.Ordinal);
        Assert.Contains("Event information</h1>", alone, StringComparison.Ordinal);
        Assert.Contains("data-threat-lookup", alone, StringComparison.Ordinal);
        Assert.DoesNotContain("data-back-to-events", alone, StringComparison.Ordinal);
        Assert.Contains("<html", page, StringComparison.Ordinal);
        Assert.Contains("data-back-to-events", page, StringComparison.Ordinal);
        Assert.Contains("data-side-panel", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_window_Details_counts_the_events_of_the_selected_tenants_and_says_what_the_cache_has_and_the_requests_left()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var (otherTenant, _) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var domain = Domain();
        await app.IngestAndListAsync(tenant, new { DestinationHostName = domain });
        await app.IngestAndListAsync(tenant, new { RequestUrl = $"http://{domain}/login" });
        await app.IngestAndListAsync(otherTenant, new { DestinationHostName = domain });
        var remaining = (await browser.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota")).GetProperty("remaining").GetInt32();
        var summary = $"/ThreatLookup/Summary?value={domain}&type=domain&tenantId={tenant}";

        var showInfo = $"/ThreatLookup?value={domain}&type=domain&tenantId={tenant}&fragment=true";
        var showInfoAddress = $"/ThreatLookup/Panel?value={domain}&type=domain&tenantId={tenant}&showInfo=true";
        var notCached = (await browser.GetAsync(showInfo)).Location();
        var nothing = await browser.GetStringAsync(summary + "&fragment=true");

        // Not cached: Show info leads to the window Details alone, from the link's page and from the address Event
        // information names for it (data-show-info), which side-panel.js asks for.
        Assert.Equal(summary + "&fragment=true", notCached);
        Assert.Equal(summary + "&fragment=true", (await browser.GetAsync(showInfoAddress)).Location());
        var information = await browser.GetStringAsync($"/Events/{(await app.IngestAndListAsync(tenant, new { DestinationHostName = domain })).Single()}?fragment=true");
        Assert.Contains($"data-show-info=\"{showInfoAddress.Replace("&", "&amp;", StringComparison.Ordinal)}\"", information, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", nothing, StringComparison.Ordinal);
        Assert.Contains(">Details</h1>", nothing, StringComparison.Ordinal);
        Assert.Contains($"data-testid=\"observable-value\">{domain}</strong>", nothing, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"observable-type\">Domain</dd>", nothing, StringComparison.Ordinal);
        Assert.Matches($"data-testid=\"events-holding\"><a href=\"/Events\\?observable={Regex.Escape(domain)}\">2</a>", nothing);
        Assert.Matches("data-testid=\"cached-groups\">\\s*<span class=\"muted\">Nothing yet</span>", nothing);
        Assert.Matches($"data-testid=\"requests-left\">\\s*{remaining:N0} until ", nothing);
        Assert.Matches($"<a class=\"btn primary\" data-enrich href=\"/ThreatLookup\\?value={Regex.Escape(domain)}&amp;type=domain&amp;tenantId={tenant}&amp;choose=true\">Enrich with Kaspersky TIP data</a>", nothing);
        Assert.DoesNotContain("data-threat-lookup", nothing, StringComparison.Ordinal);
        Assert.Contains("<html", await browser.GetStringAsync(summary), StringComparison.Ordinal);

        var obtained = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds());
        await app.CacheAsync(domain, new() { ["Zone"] = "\"Red\"", ["DomainWhoIsInfo"] = """{"DomainName":"x"}""" }, obtainedAt: obtained);
        var some = await browser.GetStringAsync(summary + "&fragment=true");
        Assert.Contains("<li data-group=\"DomainWhoIsInfo\">WHOIS information about the domain", some, StringComparison.Ordinal);
        Assert.Contains($"datetime=\"{obtained.UtcDateTime:O}\"", some, StringComparison.Ordinal);
        Assert.Contains("data-threat-lookup", some, StringComparison.Ordinal);
        // Cached: Show info answers the panel alone at once, the very markup of the panel endpoint (one request, no redirect).
        using (var cached = await browser.GetAsync(showInfo))
        {
            var panel = await cached.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Null(cached.Headers.Location);
            Assert.Contains("data-testid=\"observable-panel\"", panel, StringComparison.Ordinal);
            Assert.DoesNotContain("<html", panel, StringComparison.Ordinal);
            Assert.Equal(await browser.GetStringAsync($"/ThreatLookup/Panel?value={domain}&type=domain&tenantId={tenant}"), panel);
            Assert.Equal(panel, await browser.GetStringAsync(showInfoAddress));
        }

        // A tenant that is not the user's: nothing, as from the panel endpoint.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/ThreatLookup?value={domain}&type=domain&tenantId={otherTenant}&fragment=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/ThreatLookup/Panel?value={domain}&type=domain&tenantId={otherTenant}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/ThreatLookup/Panel?value={domain}&type=domain&tenantId={otherTenant}&showInfo=true")).StatusCode);

        browser.Russian();
        var russian = await browser.GetStringAsync(summary + "&fragment=true");
        browser.English();
        Assert.Contains(">Подробнее</h1>", russian, StringComparison.Ordinal);
        Assert.Contains("Тип наблюдаемого объекта", russian, StringComparison.Ordinal);
        Assert.Contains("События выбранных тенантов", russian, StringComparison.Ordinal);
        Assert.Contains("Осталось запросов", russian, StringComparison.Ordinal);
        Assert.Contains(">Обогатить данные Kaspersky TIP</a>", russian, StringComparison.Ordinal);
        Assert.Contains(">Показать информацию из Threat Lookup</a>", russian, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"observable-type\">Домен</dd>", russian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_from_the_dialog_answers_with_the_progress_view_whose_wait_answers_the_panel_alone()
    {
        var (tenant, browser, domain, window, fields) = await RequestFromTheDialogAsync();

        var windowHtml = await browser.GetStringAsync(window);
        var requested = await browser.PostFieldsAsync(window, "/ThreatLookup", fields);
        var progressHtml = await requested.Content.ReadAsStringAsync();
        var taskId = Guid.Parse(Regex.Match(progressHtml, "data-task-progress=\"([0-9a-f-]{36})\"").Groups[1].Value);
        var progress = $"/ThreatLookup/Progress/{taskId}?fragment=true";
        var waited = await browser.GetAsync(progress + "&waitSeconds=30");
        var panel = await waited.Content.ReadAsStringAsync();
        var state = (await browser.WaitForTaskAsync(taskId)).GetProperty("state").GetString();
        var again = (await browser.PostFieldsAsync(window, "/ThreatLookup", fields)).Location();
        var askedAgain = await browser.GetStringAsync(progress);
        var tooLong = await browser.GetAsync(progress + "&waitSeconds=61");
        var notANumber = await browser.GetAsync(progress + "&waitSeconds=soon");

        Assert.DoesNotContain("<html", windowHtml, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"fragment\" value=\"true\" />", windowHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"dialog\"", windowHtml, StringComparison.Ordinal);

        // The progress view itself, in the answer to Request (no redirect to a second request), alone.
        Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        Assert.DoesNotContain("<html", progressHtml, StringComparison.Ordinal);
        Assert.Contains("role=\"region\"", progressHtml, StringComparison.Ordinal);
        Assert.Contains($"data-panel-url=\"/ThreatLookup/Panel?value={domain}&amp;type=domain&amp;tenantId={tenant}\"", progressHtml, StringComparison.Ordinal);

        // Asked with a wait, the progress address answers once the task finished: the panel alone, in that answer.
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        Assert.Equal("Completed", state);
        Assert.Contains("data-testid=\"observable-panel\"", panel, StringComparison.Ordinal);
        Assert.Contains($">{domain}<", panel, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", panel, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"observable-panel\"", askedAgain, StringComparison.Ordinal);
        Assert.Equal($"/ThreatLookup/Panel?value={domain}&type=domain&tenantId={tenant}", again);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("waitSeconds must be between 0 and 60.", await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);

        // Without scripts (no fragment), Request redirects to the progress page, or the panel's page once cached.
        Assert.StartsWith("/ThreatLookup/Details?", (await browser.PostFieldsAsync(window, "/ThreatLookup", fields.SkipLast(1))).Location(), StringComparison.Ordinal);
        var another = fields.Select(f => f.Key == "value" ? new KeyValuePair<string, string>("value", Domain()) : f).SkipLast(1).ToList();
        Assert.Matches("^/ThreatLookup/Progress/[0-9a-f-]{36}$", (await browser.PostFieldsAsync(window, "/ThreatLookup", another)).Location());
    }

    [Fact]
    public async Task A_wait_for_the_outcome_the_page_gives_up_ends_quietly_and_the_task_goes_on()
    {
        var (_, browser, _, window, fields) = await RequestFromTheDialogAsync();
        app.Simulator.Faults = new FaultSettings { LatencyMs = 3_000 };
        try
        {
            var progressHtml = await (await browser.PostFieldsAsync(window, "/ThreatLookup", fields)).Content.ReadAsStringAsync();
            var taskId = Guid.Parse(Regex.Match(progressHtml, "data-task-progress=\"([0-9a-f-]{36})\"").Groups[1].Value);
            var traceId = CapturedLogs.Trace(browser);

            // The analyst closes the area while the view waits: the page drops the request.
            using var closed = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => browser.GetAsync($"/ThreatLookup/Progress/{taskId}?fragment=true&waitSeconds=30", closed.Token));
            var logged = await CapturedLogs.RequestLineAsync(traceId);

            CapturedLogs.AssertNoErrorIn(traceId);
            Assert.Contains("/ThreatLookup/Progress/", logged.Text, StringComparison.Ordinal);
            Assert.Equal("Completed", (await browser.WaitForTaskAsync(taskId)).GetProperty("state").GetString());
        }
        finally
        {
            app.Simulator.Faults = new FaultSettings();
        }
    }

    /// <summary>An analyst of a new tenant, signed in, before Request in the enrichment window of a new domain: the window's address and the form it posts.</summary>
    private async Task<(Guid Tenant, HttpClient Browser, string Domain, string Window, List<KeyValuePair<string, string>> Fields)> RequestFromTheDialogAsync()
    {
        await app.ConfigureAsync();
        var (tenant, analyst) = await AnalystOfNewTenantAsync();
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        var domain = Domain();
        var window = $"/ThreatLookup?value={domain}&type=domain&tenantId={tenant}&choose=true&fragment=true";
        List<KeyValuePair<string, string>> fields =
        [
            new("value", domain), new("type", "domain"), new("tenantId", tenant.ToString()), new("sections", "DomainGeneralInfo"), new("fragment", "true"),
        ];
        return (tenant, browser, domain, window, fields);
    }

    private static string Domain() => $"area-{Guid.NewGuid():N}"[..16] + ".daywinners.com";

    private async Task<(Guid Tenant, TestUser Analyst)> AnalystOfNewTenantAsync()
    {
        var tenant = await app.CreateTenantAsync();
        return (tenant, await app.CreateUserAsync(Roles.Analyst, tenant));
    }
}

public sealed class DetailsAreaTestsOnSqlite(LookupApp<OnSqlite> app) : DetailsAreaTests<OnSqlite>(app);

public sealed class DetailsAreaTestsOnPostgres(LookupApp<OnPostgres> app) : DetailsAreaTests<OnPostgres>(app);
