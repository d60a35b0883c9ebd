using System.Net;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.ThreatLookup;

namespace KumaTip.IntegrationTests.ThreatLookupUi;

/// <summary>
/// Look-up from anywhere: the header's box takes an observable pasted from a ticket (defanged too) and opens its
/// panel or its window Details («Подробнее»), or says what is wrong with it; the bulk form costs and queues up to 100.
/// </summary>
public abstract class LookupFromAnywhereTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task The_header_search_opens_the_window_Details_for_a_defanged_URL_the_panel_once_cached_and_says_what_is_wrong_otherwise()
    {
        await app.ConfigureAsync();
        var browser = await AnalystOfMainAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var url = $"http://search-{id}.example.com/drop.exe";

        Assert.Contains("data-testid=\"header-search\"", await browser.GetStringAsync("/Events"));
        var summary = (await browser.GetAsync($"/ThreatLookup/Search?value={Uri.EscapeDataString($"hxxp://search-{id}[.]example[.]com/drop.exe")}")).Location();
        Assert.Equal($"/ThreatLookup/Summary?value={Uri.EscapeDataString(url)}&type=url", summary);
        var details = WebUtility.HtmlDecode(await browser.GetStringAsync(summary));
        Assert.Contains("data-testid=\"observable-summary\"", details);
        var window = $"/ThreatLookup?value={Uri.EscapeDataString(url)}&type=url&choose=true";
        Assert.Contains($"href=\"{window}\"", details);
        var request = await browser.PostFieldsAsync(window, "/ThreatLookup", [new("value", url), new("type", "url"), new("sections", "UrlGeneralInfo")]);
        await browser.WaitForTaskAsync(LookupUiSteps.ProgressTaskId(request.Location()));

        var panel = (await browser.GetAsync($"/ThreatLookup/Search?value={Uri.EscapeDataString($"HXXP://SEARCH-{id}[.]EXAMPLE[.]COM/drop.exe")}")).Location();
        Assert.Equal($"/ThreatLookup/Details?value={Uri.EscapeDataString(url)}&type=url", panel);
        Assert.Contains("data-testid=\"observable-panel\"", await browser.GetStringAsync(panel));

        var bad = await browser.GetAsync("/ThreatLookup/Search?value=" + Uri.EscapeDataString("not an observable !!"));
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("is not a domain, URL, IP address or MD5, SHA1 or SHA256 hash.", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        browser.Russian();
        var russian = await browser.GetStringAsync("/ThreatLookup/Search?value=" + Uri.EscapeDataString("not an observable !!"));
        Assert.Contains("Поиск наблюдаемого объекта", russian);
        Assert.Contains("Массовый поиск", russian);
        Assert.Contains("'not an observable !!' — не домен, не URL, не IP-адрес и не хеш MD5, SHA1 или SHA256.", WebUtility.HtmlDecode(russian));
    }

    [Theory]
    [InlineData("hxxp://evil-{0}[.]com/a.exe", "http://evil-{0}.com/a.exe", "url")]
    [InlineData("hxxps[:]//evil-{0}[.]com", "https://evil-{0}.com/", "url")]
    [InlineData("http[://]evil-{0}(.)com/x", "http://evil-{0}.com/x", "url")]
    [InlineData("evil-{0}(.)com", "evil-{0}.com", "domain")]
    [InlineData("  evil-{0}[.]example[dot]org ", "evil-{0}.example.org", "domain")]
    [InlineData("8.8.4[.]4", "8.8.4.4", "ip")]
    public async Task The_header_search_takes_defanged_forms(string pasted, string real, string type)
    {
        await app.ConfigureAsync();
        var browser = await AnalystOfMainAsync();
        var id = Guid.NewGuid().ToString("N")[..10];

        var location = (await browser.GetAsync("/ThreatLookup/Search?value=" + Uri.EscapeDataString(string.Format(pasted, id)))).Location();

        // Not cached: the window Details («Подробнее»). (8.8.4.4 may be cached by another test: its panel then.)
        var expected = $"?value={Uri.EscapeDataString(string.Format(real, id))}&type={type}";
        Assert.True(location == "/ThreatLookup/Summary" + expected || location == "/ThreatLookup/Details" + expected, location);
    }

    [Fact]
    public async Task The_bulk_form_says_in_Russian_what_is_wrong_with_each_bad_line()
    {
        await app.ConfigureAsync();
        var browser = await AnalystOfMainAsync();
        browser.Russian();
        var values = string.Join("\n", "999.1.2.3", "no such thing !!", "ftp-less://x", "1.2.3.0/24");

        var page = WebUtility.HtmlDecode(await (await browser.PostFieldsAsync("/ThreatLookup/Bulk", "/ThreatLookup/Bulk?handler=Check", [new("values", values)])).Content.ReadAsStringAsync());

        Assert.Contains("'no such thing !!' — не домен, не URL, не IP-адрес и не хеш MD5, SHA1 или SHA256.", page);
        Assert.Contains("'1.2.3.0/24' — диапазон сети: Threat Lookup принимает один IP-адрес.", page);
        Assert.Contains("Строк, которые не являются наблюдаемыми объектами: 4 (отмечены ниже).", page);
        Assert.DoesNotContain(" is not ", page);
    }

    [Fact]
    public async Task The_bulk_form_shows_each_lines_type_and_cost_queues_nothing_for_a_bad_line_and_queues_the_rest_once_left_out()
    {
        await app.ConfigureAsync();
        var browser = await AnalystOfMainAsync();
        var id = Guid.NewGuid().ToString("N")[..10];
        var values = string.Join("\r\n", $"hxxps://bulk-{id}[.]example[.]com/x", $"bulk-{id}.example.net", "192.168.1.1", "no such thing !!", $"bulk-{id}.example.net");

        var check = await browser.PostFieldsAsync("/ThreatLookup/Bulk", "/ThreatLookup/Bulk?handler=Check", [new("values", values)]);
        var plan = await check.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Contains("data-line=\"1\" data-status=\"NotCached\"", plan);
        Assert.Contains("data-line=\"3\" data-status=\"Reserved\"", plan);
        Assert.Contains("data-line=\"4\" data-status=\"Invalid\"", plan);
        Assert.Contains("data-line=\"5\" data-status=\"Duplicate\"", plan);
        Assert.Contains("Same as line 2", plan);
        Assert.Contains("Lines that are not observables: 1 (marked below).", plan);
        Assert.DoesNotContain("data-testid=\"bulk-queue\"", plan);
        Assert.Contains("data-testid=\"bulk-skip-invalid\"", plan);

        var refused = await browser.PostFieldsAsync("/ThreatLookup/Bulk", "/ThreatLookup/Bulk?handler=Queue", [new("values", values)]);
        Assert.Contains("data-testid=\"bulk-refused\"", await refused.Content.ReadAsStringAsync());
        Assert.Equal(0, app.Simulator.RequestCount($"bulk-{id}.example.net"));

        var queued = await browser.PostFieldsAsync("/ThreatLookup/Bulk", "/ThreatLookup/Bulk?handler=Queue", [new("values", values), new("skipInvalid", "true")]);
        var done = await queued.Content.ReadAsStringAsync();
        Assert.Contains("Requested: 2", done);
        var tasks = LookupUiSteps.ProgressTaskIds(done);
        Assert.Equal(2, tasks.Count);
        foreach (var task in tasks)
        {
            Assert.Equal("Completed", (await browser.WaitForTaskAsync(task)).GetProperty("state").GetString());
        }

        browser.Russian();
        var tooMany = string.Join("\n", Enumerable.Range(1, 101).Select(i => $"n{i}-{id}.example.com"));
        var russian = await (await browser.PostFieldsAsync("/ThreatLookup/Bulk", "/ThreatLookup/Bulk?handler=Check", [new("values", tooMany)])).Content.ReadAsStringAsync();
        Assert.Contains("За один раз можно запросить не больше 100 объектов", russian);
        Assert.Contains("data-line=\"101\" data-status=\"OverLimit\"", russian);
        Assert.DoesNotContain("data-testid=\"bulk-queue\"", russian);
        Assert.DoesNotContain("data-testid=\"bulk-skip-invalid\"", russian);
    }

    /// <summary>A new analyst of tenant Main (a single tenant, so lookups need no tenant choice), signed in.</summary>
    private async Task<HttpClient> AnalystOfMainAsync()
    {
        var analyst = await app.CreateUserAsync(Roles.Analyst, app.MainTenantId);
        return await app.SignInAsync(analyst.UserName, analyst.Password);
    }
}

public sealed class LookupFromAnywhereTestsOnSqlite(LookupApp<OnSqlite> app) : LookupFromAnywhereTests<OnSqlite>(app);

public sealed class LookupFromAnywhereTestsOnPostgres(LookupApp<OnPostgres> app) : LookupFromAnywhereTests<OnPostgres>(app);
