using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.ThreatLookup;

namespace KumaTip.IntegrationTests.ThreatLookupUi;

/// <summary>What the panel shows of a cached answer: times in the reader's language and zone, pivots, and its exports.</summary>
public abstract partial class PanelViewTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly DateTimeOffset Obtained = new(2025, 2, 25, 10, 25, 0, TimeSpan.Zero);

    [Fact]
    public async Task Times_are_in_the_readers_language_and_time_zone_with_UTC_in_the_tooltip()
    {
        var (tenant, browser) = await AnalystAsync();
        var domain = await CacheDomainAsync();
        var address = $"/ThreatLookup/Panel?value={domain}&type=domain&tenantId={tenant}";

        var utc = await PanelAsync(browser, address, timeZone: null);
        browser.Russian();
        var moscow = await PanelAsync(browser, address, "Europe/Moscow");
        var madeUp = await PanelAsync(browser, address, "../../etc/passwd");
        browser.English();
        var newYork = await PanelAsync(browser, address, "America/New_York");

        Assert.Contains($">{English(Obtained)}</time>", utc, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2025-02-25T10:25:00.0000000Z\" data-testid=\"updated-at\" title=\"2025-02-25 10:25:00 UTC\">25.02.2025 13:25</time>", moscow, StringComparison.Ordinal);
        Assert.Contains("Получено 25.02.2025 13:25", moscow, StringComparison.Ordinal);
        Assert.Contains(">25.02.2025 10:25</time>", madeUp, StringComparison.Ordinal);
        Assert.Contains($">{English(Obtained.AddHours(-5))}</time>", newYork, StringComparison.Ordinal);

        // WHOIS dates from ISO text, a date alone as the day it is; counts with separators; booleans and known values as words.
        Assert.Contains("<dt>Дата создания</dt><dd><time datetime=\"2019-03-01T00:00:00.0000000Z\" title=\"2019-03-01 00:00:00 UTC\">01.03.2019 03:00</time></dd>", moscow, StringComparison.Ordinal);
        Assert.Contains("<dt>Дата окончания</dt><dd><time datetime=\"2026-03-01\">01.03.2026</time></dd>", moscow, StringComparison.Ordinal);
        Assert.Contains("<dt>Количество обращений</dt><dd><span class=\"value\">1\u00a0234\u00a0567</span></dd>", moscow, StringComparison.Ordinal);
        Assert.Contains("<dt>Hits</dt><dd><span class=\"value\">1,234,567</span></dd>", newYork, StringComparison.Ordinal);
        Assert.Contains("<dt>Связан с APT</dt><dd>Да</dd>", moscow, StringComparison.Ordinal);
        Assert.Contains("<span class=\"value\">Владелец</span>", moscow, StringComparison.Ordinal);
        Assert.Contains("<span class=\"value\">Registrant</span>", newYork, StringComparison.Ordinal);
        Assert.Contains("<dt>First seen in the wild</dt>", newYork, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Observables_in_the_panel_are_pivots_with_the_events_menu_and_the_looked_up_one_is_never_a_link()
    {
        var (tenant, browser) = await AnalystAsync();
        var domain = await CacheDomainAsync();

        var panel = await browser.GetStringAsync($"/ThreatLookup/Panel?value={domain}&type=domain&tenantId={tenant}");

        // DNS: an IP address; WHOIS: the name servers; both with Show info from Threat Lookup, Events with this observable and Copy.
        foreach (var (key, value, type) in new[] { ("ip:93.184.216.34", "93.184.216.34", "ip"), ("domain:ns1.example-dns.net", "ns1.example-dns.net", "domain") })
        {
            Assert.Contains($"<details class=\"observable-menu\" data-observable-key=\"{key}\">", panel, StringComparison.Ordinal);
            Assert.Matches(
                $"data-observable-key=\"{Regex.Escape(key)}\" data-observable-type=\"{type}\" data-observable-value=\"{Regex.Escape(value)}\"\\s+href=\"/ThreatLookup\\?value={Regex.Escape(value)}&amp;type={type}&amp;tenantId={tenant}\">Show info from Threat Lookup</a>",
                panel);
            Assert.Contains($"href=\"/Events?observable={value}\">Events with this observable</a>", panel, StringComparison.Ordinal);
            Assert.Contains($"<button type=\"button\" class=\"copy\" data-copy=\"{value}\"", panel, StringComparison.Ordinal);
        }

        Assert.DoesNotContain($"href=\"http://{domain}", panel, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"https://{domain}", panel, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"value\" data-testid=\"observable-value\">{domain}</span>", panel, StringComparison.Ordinal);
        Assert.Matches(AnchorRow(), panel);

        // A long table starts collapsed, with its count; a short one is open. Every table sorts.
        Assert.Matches("<h2>\\s*Subdomains\\s*<span class=\"count\" data-testid=\"section-count\">12</span>", panel);
        Assert.Contains("<details class=\"records\" data-stays-open>\n<summary>Show all 12 records</summary>", panel, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(panel, "<details class=\"records\""));
        Assert.Equal(4, Regex.Count(panel, "<table class=\"grid records\" data-sortable>"));
    }

    [Fact]
    public async Task A_panel_exports_as_JSON_as_cached_and_each_table_as_CSV_safe_from_formulas()
    {
        var (tenant, browser) = await AnalystAsync();
        var domain = await CacheDomainAsync();
        var query = $"value={domain}&type=domain";

        var json = await browser.GetAsync($"/ThreatLookup/Panel/Export?{query}");
        browser.Russian();
        var csv = await browser.GetAsync($"/ThreatLookup/Panel/Export?{query}&section=DomainWhoIsInfo.Contacts");
        browser.English();
        var dns = await browser.GetAsync($"/ThreatLookup/Panel/Export?{query}&section=DomainDnsResolutions");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"domain-{domain}.json", json.Content.Headers.ContentDisposition?.FileNameStar);
        var body = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"domain:{domain}", body.GetProperty("key").GetString());
        var whois = body.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "DomainWhoIsInfo");
        Assert.Equal(Obtained, whois.GetProperty("obtainedAt").GetDateTimeOffset());
        Assert.Equal("=HYPERLINK(\"http://evil\")", whois.GetProperty("data").GetProperty("Contacts")[0].GetProperty("Name").GetString());

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"domain-{domain}-DomainWhoIsInfo.Contacts.csv", csv.Content.Headers.ContentDisposition?.FileNameStar);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("Тип контакта,Имя,Организация,Электронная почта", lines[0]);
        Assert.Equal("Владелец,\"'=HYPERLINK(\"\"http://evil\"\")\",'@SUM(1+1),'+1 555 0100", lines[1]);
        Assert.Equal("Технический,'-2+3,\"Example, Inc.\",tech@example.com", lines[2]);
        Assert.Equal("IP address,Zone,Last seen", (await dns.Content.ReadAsStringAsync()).Split("\r\n")[0].TrimStart('\uFEFF'));
        Assert.Contains("93.184.216.34,Dangerous,2025-02-20T08:00:00Z", await dns.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/ThreatLookup/Panel/Export?{query}&section=Nope")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/ThreatLookup/Panel/Export?value=never-cached.example&type=domain")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/ThreatLookup/Panel/Export?value=%20&type=domain")).StatusCode);
        var panel = await browser.GetStringAsync($"/ThreatLookup/Panel?{query}&tenantId={tenant}");
        Assert.Contains($"href=\"/ThreatLookup/Panel/Export?{query.Replace("&", "&amp;", StringComparison.Ordinal)}\" download data-testid=\"export-json\"", panel, StringComparison.Ordinal);
        Assert.Contains($"href=\"/ThreatLookup/Panel/Export?{query.Replace("&", "&amp;", StringComparison.Ordinal)}&amp;section=DomainDnsResolutions\" download data-testid=\"export-csv\"", panel, StringComparison.Ordinal);
    }

    private async Task<(Guid Tenant, HttpClient Browser)> AnalystAsync()
    {
        var tenant = await app.CreateTenantAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        return (tenant, await app.SignInAsync(analyst.UserName, analyst.Password));
    }

    /// <summary>A domain whose cached answer has a WHOIS with dates, contacts with formula-like values, DNS and a new field.</summary>
    private async Task<string> CacheDomainAsync()
    {
        var domain = $"panel-{Guid.NewGuid():N}.example.com";
        await app.CacheAsync(
            domain,
            new()
            {
                ["Zone"] = "\"Red\"",
                ["DomainGeneralInfo"] = $$"""{"Domain":"{{domain}}","HitsCount":1234567,"HasApt":true,"FirstSeenInTheWild":"x","Categories":["CATEGORY_PHISHING"]}""",
                ["DomainWhoIsInfo"] = """
                    {"DomainName":"example.com","Created":"2019-03-01T00:00:00Z","Expires":"2026-03-01","NameServers":["ns1.example-dns.net"],
                     "Registrar":{"Info":"Registrar Inc.","IanaId":1234},
                     "Contacts":[{"ContactType":"registrant","Name":"=HYPERLINK(\"http://evil\")","Organization":"@SUM(1+1)","Email":"+1 555 0100"},
                                 {"ContactType":"technical","Name":"-2+3","Organization":"Example, Inc.","Email":"tech@example.com"}]}
                    """,
                ["DomainDnsResolutions"] = """[{"Ip":"93.184.216.34","Zone":"Red","LastSeen":"2025-02-20T08:00:00Z"}]""",
                ["Subdomains"] = JsonSerializer.Serialize(Enumerable.Range(1, 12).Select(i => new { Subdomain = $"s{i}.{domain}", Zone = "Grey" })),
            },
            Obtained);
        return domain;
    }

    /// <summary>A time as the English panel writes it (the space before AM is the culture's own).</summary>
    private static string English(DateTimeOffset utc) => utc.UtcDateTime.ToString("g", CultureInfo.GetCultureInfo("en"));

    private static async Task<string> PanelAsync(HttpClient browser, string address, string? timeZone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (timeZone is not null)
        {
            request.Headers.Add("Cookie", $"kumatip.tz={timeZone}");
        }

        using var response = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // As text (the English time's narrow space before AM comes as &#x202F;), without the white space between tags.
        return BetweenTags().Replace(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), "><");
    }

    [GeneratedRegex(">\\s+<")]
    private static partial Regex BetweenTags();

    [GeneratedRegex("<nav class=\"panel-anchors\"[^>]*>\\s*<a href=\"#tl-About\">About</a>\\s*<a href=\"#tl-Zone\">Zone</a>\\s*<a href=\"#tl-DomainGeneralInfo\">")]
    private static partial Regex AnchorRow();
}

public sealed class PanelViewTestsOnSqlite(LookupApp<OnSqlite> app) : PanelViewTests<OnSqlite>(app);

public sealed class PanelViewTestsOnPostgres(LookupApp<OnPostgres> app) : PanelViewTests<OnPostgres>(app);
