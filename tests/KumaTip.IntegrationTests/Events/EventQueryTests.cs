using System.Net;
using System.Text.Json;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Foundation;

namespace KumaTip.IntegrationTests.Events;

public abstract class EventQueryTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly DateTimeOffset Base = new(DateTime.UtcNow.Date.AddDays(-13).AddHours(12), TimeSpan.Zero);

    [Fact]
    public async Task Pages_go_newest_first_and_the_cursors_walk_every_event_once_in_both_directions()
    {
        var tenant = await app.CreateTenantAsync();
        // Two events share a timestamp: the id breaks the tie, so neither is skipped nor repeated.
        var events = Enumerable.Range(0, 7).Select(i => EventTesting.Sample(Base.AddMinutes(i == 4 ? 3 : i), $"e{i}")).ToArray();
        await app.IngestAsync(tenant, events);
        var api = await app.AdminApiClientAsync();

        var seen = new List<string>();
        var pages = new List<EventPageDto>();
        string? before = null;
        do
        {
            var page = await ListAsync(api, $"tenant={tenant}&limit=3" + (before is null ? "" : $"&before={before}"));
            pages.Add(page);
            seen.AddRange(page.Items.Select(e => e.Name!));
            before = page.Older;
        }
        while (before is not null);

        Assert.Equal(["e6", "e5", "e4", "e3", "e2", "e1", "e0"], seen);
        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Null(pages[0].Newer);
        Assert.Null(pages[2].Older);

        var back = await ListAsync(api, $"tenant={tenant}&limit=3&after={pages[2].Newer}");
        Assert.Equal(["e3", "e2", "e1"], back.Items.Select(e => e.Name));
        var first = await ListAsync(api, $"tenant={tenant}&limit=3&after={back.Newer}");
        Assert.Equal(["e6", "e5", "e4"], first.Items.Select(e => e.Name));
        Assert.Null(first.Newer);
        Assert.NotNull(first.Older);
    }

    [Fact]
    public async Task Time_text_and_observable_filters_narrow_the_list()
    {
        var tenant = await app.CreateTenantAsync();
        await app.IngestAsync(
            tenant,
            EventTesting.Sample(Base, "Proxy download", new { RequestUrl = "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", SourceAddress = "10.0.0.5" }),
            EventTesting.Sample(Base.AddMinutes(1), "DNS query", new { Message = "query to 8.8.8.8 for kaspersky.com" }),
            EventTesting.Sample(Base.AddMinutes(2), "File 100%_done", new { FileHash = "44d88612fea8a8f36de82e1278abb02f" }),
            EventTesting.Sample(Base.AddMinutes(3), "Mail received", new { Message = "From BILLING <x@example.org>" }));
        var api = await app.AdminApiClientAsync();

        async Task<string[]> Names(string query) => (await ListAsync(api, $"tenant={tenant}&{query}")).Items.Select(e => e.Name!).ToArray();

        Assert.Equal(["File 100%_done", "DNS query"], await Names($"from={Esc(Base.AddMinutes(1))}&to={Esc(Base.AddMinutes(3))}"));
        Assert.Equal(["Mail received"], await Names("text=billing"));
        Assert.Equal(["DNS query"], await Names("text=KASPERSKY"));
        Assert.Equal(["File 100%_done"], await Names("text=" + Uri.EscapeDataString("100%_")));
        Assert.Equal(["File 100%_done"], await Names("text=" + Uri.EscapeDataString("%"))); // a literal '%', not a wildcard
        Assert.Equal(["DNS query"], await Names("observable=" + Uri.EscapeDataString("8.8.8[.]8")));
        Assert.Equal(["Proxy download"], await Names("observable=dd.daywinners.com"));
        Assert.Equal(["Proxy download"], await Names("observable=" + Uri.EscapeDataString("hxxp://dd.daywinners[.]com/d/VFZvqeP-V1ffkQ.exe")));
        Assert.Equal(["Proxy download"], await Names("observable=10.0.0.5"));
        Assert.Equal(["File 100%_done"], await Names("observable=44D88612FEA8A8F36DE82E1278ABB02F"));
        Assert.Empty(await Names("observable=1.2.3.4"));

        var invalid = await api.GetAsync($"/api/v1/events?tenant={tenant}&observable=" + Uri.EscapeDataString("10.0.0.0/8"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(("network_range", "Observable"), await CodeAndField(invalid));
        var badCursor = await api.GetAsync($"/api/v1/events?tenant={tenant}&before=yesterday");
        Assert.Equal("invalid_cursor", (await badCursor.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
    }

    [Fact]
    public async Task The_events_page_shows_the_table_filters_by_observable_and_links_older_pages()
    {
        var tenant = await app.CreateTenantAsync();
        var events = Enumerable.Range(0, 55).Select(i => EventTesting.Sample(Base.AddSeconds(i), $"page-event-{i:00}", new { SourceAddress = "203.0.113.9", SourcePort = 4000 + i })).ToList();
        events.Add(EventTesting.Sample(Base.AddHours(1), "the proxy one", new { RequestUrl = "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", FileHash = "44d88612fea8a8f36de82e1278abb02f" }));
        await app.IngestAsync(tenant, [.. events]);
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        var html = await browser.GetStringAsync("/Events");

        Assert.Contains("data-testid=\"events-table\"", html, StringComparison.Ordinal);
        Assert.Contains("the proxy one", html, StringComparison.Ordinal);
        Assert.Contains("http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", html, StringComparison.Ordinal);
        Assert.Contains("203.0.113.9:4054", html, StringComparison.Ordinal);
        Assert.DoesNotContain("page-event-04<", html, StringComparison.Ordinal); // beyond the first 50
        var olderLink = System.Text.RegularExpressions.Regex.Match(html, "<a[^>]*data-testid=\"older\"[^>]*>").Value;
        var older = System.Text.RegularExpressions.Regex.Match(olderLink, "href=\"([^\"]+)\"").Groups[1].Value;
        Assert.Contains("before=", older, StringComparison.Ordinal);
        var olderHtml = await browser.GetStringAsync(System.Net.WebUtility.HtmlDecode(older));
        Assert.Contains("page-event-04<", olderHtml, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"newer\"", olderHtml, StringComparison.Ordinal);

        var filtered = await browser.GetStringAsync("/Events?observable=" + Uri.EscapeDataString("dd.daywinners[.]com"));
        Assert.Contains("the proxy one", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("page-event-", filtered, StringComparison.Ordinal);
        var invalid = await browser.GetStringAsync("/Events?observable=" + Uri.EscapeDataString("not an observable!"));
        Assert.Contains("is not a domain, URL, IP address", System.Net.WebUtility.HtmlDecode(invalid), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_and_event_information_show_times_on_the_readers_clock_and_the_filter_reads_it_too()
    {
        var tenant = await app.CreateTenantAsync();
        var at = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-2).AddHours(10).AddMinutes(25).AddSeconds(7), TimeSpan.Zero);
        await app.IngestAsync(tenant, EventTesting.Sample(at, "clock-event"));
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);
        browser.DefaultRequestHeaders.AcceptLanguage.Clear();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        browser.DefaultRequestHeaders.Add("Cookie", "kumatip.tz=Europe/Moscow");
        string Moscow(DateTimeOffset time, string format) => time.ToOffset(TimeSpan.FromHours(3)).ToString(format, System.Globalization.CultureInfo.InvariantCulture);

        var list = await browser.GetStringAsync("/Events");
        // Moscow is UTC+3 all year: the row reads 13:25:07 in Russian form, the UTC time in its tooltip.
        Assert.Contains($"title=\"{at:yyyy-MM-dd} 10:25:07 UTC\">{Moscow(at, "dd.MM.yyyy")} 13:25:07</time>", list, StringComparison.Ordinal);
        Assert.Contains(">Europe/Moscow</span>", list, StringComparison.Ordinal);

        // Event information too: its times on the reader's clock, not as stored.
        var id = (await ListAsync(await app.AdminApiClientAsync(), $"tenant={tenant}")).Items.Single().Id;
        var information = await browser.GetStringAsync($"/Events/{id}");
        Assert.Contains($"title=\"{at:yyyy-MM-dd} 10:25:07 UTC\">{Moscow(at, "dd.MM.yyyy")} 13:25:07</time>", information, StringComparison.Ordinal);
        Assert.DoesNotContain($"{at:yyyy-MM-dd} 10:25:07.000Z", information, StringComparison.Ordinal);

        // The analyst types the time they read: 13:20-13:30 on their clock holds the event, 10:20-10:30 does not.
        var onTheirClock = await browser.GetStringAsync($"/Events?from={Moscow(at.AddMinutes(-5), "yyyy-MM-ddTHH:mm")}&to={Moscow(at.AddMinutes(5), "yyyy-MM-ddTHH:mm")}");
        var onUtc = await browser.GetStringAsync($"/Events?from={at.AddMinutes(-5):yyyy-MM-ddTHH:mm}&to={at.AddMinutes(5):yyyy-MM-ddTHH:mm}");
        Assert.Contains("clock-event", onTheirClock, StringComparison.Ordinal);
        Assert.DoesNotContain("clock-event", onUtc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_information_shows_every_field_and_offers_a_lookup_menu_for_each_observable()
    {
        var tenant = await app.CreateTenantAsync();
        await app.IngestAsync(tenant, EventTesting.Sample(Base, "Proxy download", new
        {
            SourceAddress = "10.0.0.5",
            SourceUserName = "ivanov",
            RequestUrl = "http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe",
            Message = "fetched from 8.8.8.8",
            DeviceAction = "allowed",
        }));
        var api = await app.AdminApiClientAsync();
        var id = (await ListAsync(api, $"tenant={tenant}")).Items.Single().Id;

        var details = await api.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        Assert.Equal("ivanov", details.GetProperty("sourceUserName").GetString());
        Assert.Equal("allowed", details.GetProperty("extra").GetProperty("DeviceAction").GetString());
        var keys = details.GetProperty("observables").EnumerateArray().Select(o => o.GetProperty("key").GetString()).ToList();
        Assert.Equal(["ip:10.0.0.5", "url:http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe", "domain:dd.daywinners.com", "ip:8.8.8.8"], keys);
        Assert.True(details.GetProperty("observables")[0].GetProperty("isPrivateOrReserved").GetBoolean());

        var browser = await app.SignInAsAdminAsync();
        var html = await browser.GetStringAsync($"/Events/{id}");
        Assert.Contains("Event information", html, StringComparison.Ordinal);
        Assert.Contains("ivanov", html, StringComparison.Ordinal);
        Assert.Contains("DeviceAction", html, StringComparison.Ordinal);
        Assert.Contains("data-observable-key=\"url:http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe\" data-observable-type=\"url\" data-observable-value=\"http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe\"", html, StringComparison.Ordinal);
        Assert.Contains("data-observable-key=\"ip:8.8.8.8\" data-observable-type=\"ip\"", html, StringComparison.Ordinal);
        Assert.Contains("Show info from Threat Lookup", html, StringComparison.Ordinal);
        // The private address gets the note instead of a lookup.
        Assert.DoesNotContain("data-observable-key=\"ip:10.0.0.5\" data-observable-type", html, StringComparison.Ordinal);
        Assert.Contains("Threat Lookup knows nothing useful about private or reserved addresses and names (10.0.0.0/8).", html, StringComparison.Ordinal);

        browser.DefaultRequestHeaders.AcceptLanguage.Clear();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var russian = await browser.GetStringAsync($"/Events/{id}");
        Assert.Contains("Информация о событии", russian, StringComparison.Ordinal);
        Assert.Contains("Показать информацию из Threat Lookup", russian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Event_fields_are_shown_as_text_never_as_markup()
    {
        var tenant = await app.CreateTenantAsync();
        const string script = "<script>alert('x')</script>";
        const string breakout = "\"><img src=x onerror=alert(1)>";
        await app.IngestAsync(tenant, EventTesting.Sample(Base, script, new
        {
            Message = breakout,
            SourceUserName = breakout,
            RequestUrl = "http://evil.example.org/?q=\"><img src=x onerror=alert(2)>",
            Custom = script,
        }));
        var api = await app.AdminApiClientAsync();
        var id = (await ListAsync(api, $"tenant={tenant}")).Items.Single().Id;
        var browser = await app.SignInAsAdminAsync();

        var list = await browser.GetStringAsync("/Events?text=" + Uri.EscapeDataString("alert"));
        var details = await browser.GetStringAsync($"/Events/{id}");

        foreach (var html in new[] { list, details })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
        }

        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_of_other_tenants_are_invisible_through_the_page_and_the_api()
    {
        var mine = await app.CreateTenantAsync();
        var theirs = await app.CreateTenantAsync();
        await app.IngestAsync(mine, EventTesting.Sample(Base, "mine-event"));
        await app.IngestAsync(theirs, EventTesting.Sample(Base, "their-event", new { SourceAddress = "1.1.1.1" }));
        var admin = await app.AdminApiClientAsync();
        var theirId = (await ListAsync(admin, $"tenant={theirs}")).Items.Single().Id;
        var analyst = await app.CreateUserAsync(Roles.Analyst, mine);
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        Assert.Equal(["mine-event"], (await ListAsync(api, "")).Items.Select(e => e.Name));
        Assert.Empty((await ListAsync(api, $"tenant={theirs}")).Items);
        Assert.Empty((await ListAsync(api, "observable=1.1.1.1")).Items);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/events/{theirId}")).StatusCode);
        var page = await browser.GetStringAsync("/Events");
        Assert.Contains("mine-event", page, StringComparison.Ordinal);
        Assert.DoesNotContain("their-event", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Events/{theirId}")).StatusCode);
    }

    [Fact]
    public async Task The_header_selection_narrows_the_list_to_the_chosen_tenants()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        await app.IngestAsync(first, EventTesting.Sample(Base, "from-first"));
        await app.IngestAsync(second, EventTesting.Sample(Base, "from-second"));
        var analyst = await app.CreateUserAsync(Roles.Analyst, first, second);
        var browser = await app.SignInAsync(analyst.UserName, analyst.Password);

        var both = await browser.GetStringAsync("/Events");
        await browser.PostFormAsync("/TenantSelection", new() { ["tenantIds"] = second.ToString(), ["returnUrl"] = "/Events" }, formPage: "/Events");
        var onlySecond = await browser.GetStringAsync("/Events");

        Assert.Contains("from-first", both, StringComparison.Ordinal);
        Assert.Contains("from-second", both, StringComparison.Ordinal);
        Assert.DoesNotContain("from-first", onlySecond, StringComparison.Ordinal);
        Assert.Contains("from-second", onlySecond, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_over_several_tenants_interleave_newest_first_and_the_cursors_walk_every_event_once()
    {
        // Each tenant is read by its own index range and the pages merged: the order and the cursors must not show it.
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        await app.IngestAsync(first, [.. new[] { 0, 2, 3, 6 }.Select(i => EventTesting.Sample(Base.AddMinutes(i), $"e{i}", new { SourceAddress = "8.8.8.8" }))]);
        await app.IngestAsync(second, [.. new[] { 1, 4, 5 }.Select(i => EventTesting.Sample(Base.AddMinutes(i), $"e{i}", new { SourceAddress = "8.8.8.8" }))]);
        var analyst = await app.CreateUserAsync(Roles.Analyst, first, second);
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);

        foreach (var filter in new[] { "", "&observable=8.8.8.8" })
        {
            var seen = new List<string>();
            var pages = new List<EventPageDto>();
            string? before = null;
            do
            {
                var page = await ListAsync(api, "limit=3" + filter + (before is null ? "" : $"&before={before}"));
                pages.Add(page);
                seen.AddRange(page.Items.Select(e => e.Name!));
                before = page.Older;
            }
            while (before is not null);

            Assert.Equal(["e6", "e5", "e4", "e3", "e2", "e1", "e0"], seen);
            var back = await ListAsync(api, "limit=3" + filter + $"&after={pages[2].Newer}");
            Assert.Equal(["e3", "e2", "e1"], back.Items.Select(e => e.Name));
        }
    }

    [Fact]
    public async Task Pages_spanning_the_slices_of_time_the_list_reads_walk_every_event_once_in_order()
    {
        // A newest-first page is read from the last day, then the six days before, then the rest (ADR 015): pages that
        // cross those bounds, over several tenants and with each kind of filter, must not show it. The newest event is
        // a little in the future, as a collector's clock may be.
        var now = DateTimeOffset.UtcNow;
        var ages = new[] { -2.0 / 60 / 24, 1.0 / 24, 23.0 / 24, 25.0 / 24, 3, 6.9, 8, 30, 80 };
        var (first, second) = (await app.CreateTenantAsync(), await app.CreateTenantAsync());
        for (var i = 0; i < ages.Length; i++)
        {
            await app.IngestAsync(i % 2 == 0 ? first : second, EventTesting.Sample(now.AddDays(-ages[i]), $"slice e{i}", new { SourceAddress = "8.8.8.8" }));
        }

        var analyst = await app.CreateUserAsync(Roles.Analyst, first, second);
        var api = await app.ApiClientAsync(analyst.UserName, analyst.Password);
        var all = Enumerable.Range(0, ages.Length).Select(i => $"slice e{i}").ToList();
        foreach (var (filter, expected) in new[]
                 {
                     ("", all),
                     ("&observable=8.8.8.8", all),
                     ("&text=slice", all),
                     ($"&to={Esc(now.AddDays(-2))}", all.Skip(4).ToList()),
                     ($"&from={Esc(now.AddDays(-10))}&to={Esc(now.AddHours(-12))}", all.Skip(2).Take(5).ToList()),
                 })
        {
            foreach (var limit in new[] { 2, 4 })
            {
                var seen = new List<string>();
                var pages = new List<EventPageDto>();
                string? before = null;
                do
                {
                    var page = await ListAsync(api, $"limit={limit}{filter}" + (before is null ? "" : $"&before={before}"));
                    pages.Add(page);
                    seen.AddRange(page.Items.Select(e => e.Name!));
                    before = page.Older;
                }
                while (before is not null);

                Assert.Equal(expected, seen);
                var newer = new List<string>();
                for (var cursor = pages[^1].Newer; cursor is not null;)
                {
                    var page = await ListAsync(api, $"limit={limit}{filter}&after={cursor}");
                    newer.InsertRange(0, page.Items.Select(e => e.Name!));
                    cursor = page.Newer;
                }

                Assert.Equal(expected.SkipLast(pages[^1].Items.Count), newer);
            }
        }
    }

    private static async Task<EventPageDto> ListAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/v1/events?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EventPageDto>())!;
    }

    private static async Task<(string?, string?)> CodeAndField(HttpResponseMessage response)
    {
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDto>())!;
        return (problem.Code, problem.Field);
    }

    private static string Esc(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));
}

public sealed record EventPageDto(List<EventItemDto> Items, string? Older, string? Newer);

public sealed record EventItemDto(long Id, Guid TenantId, DateTimeOffset Timestamp, string? Name, string? RequestUrl, string? Zone);

public sealed class EventQueryTestsOnSqlite(KumaTipApp<OnSqlite> app) : EventQueryTests<OnSqlite>(app);

public sealed class EventQueryTestsOnPostgres(KumaTipApp<OnPostgres> app) : EventQueryTests<OnPostgres>(app);
