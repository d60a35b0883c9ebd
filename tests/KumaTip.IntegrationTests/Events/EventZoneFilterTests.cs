using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Cache;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Events;

/// <summary>
/// The events list filtered by Threat Lookup zone: read per zone key and merged (ADR 004), it must still list every
/// matching event once, in order, through the cursors, for the selected tenants only. Keys are unique per test, since
/// the cache is shared by every test of the fixture.
/// </summary>
public abstract class EventZoneFilterTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    private static readonly DateTimeOffset Base = new(DateTime.UtcNow.Date.AddDays(-12).AddHours(8), TimeSpan.Zero);

    [Fact]
    public async Task Many_events_in_a_zone_are_paged_by_cursor_once_each_in_both_directions()
    {
        var tenant = await app.CreateTenantAsync();
        var (redHost, redSite, yellowHost) = (Unique("red-host"), Unique("red-site"), Unique("yellow-host"));
        var (md5, sha256) = (Hex(32), Hex(64));
        await CacheAsync(TipZone.Red, redHost);
        await CacheAsync(TipZone.Red, redSite);
        await CacheAsync(TipZone.Red, sha256, aliases: [md5]); // the file was looked up by its SHA256; the events carry its MD5
        await CacheAsync(TipZone.Yellow, yellowHost);

        object Fields(int i)
        {
            var fields = new Dictionary<string, object?>();
            if (i % 3 == 0)
            {
                fields["DestinationHostName"] = redHost;
            }

            if (i % 4 == 0)
            {
                fields["RequestUrl"] = $"http://{redSite}/p{i}"; // every 12th event has two red observables
            }

            if (i % 10 == 7)
            {
                fields["FileHash"] = md5;
            }

            if (i % 5 == 1)
            {
                fields["SourceHostName"] = yellowHost;
            }

            return fields;
        }

        // Two events per second: the id breaks the ties, across the key ranges too.
        await app.IngestAsync(tenant, [.. Enumerable.Range(0, 120).Select(i => EventTesting.Sample(Base.AddSeconds(i / 2), $"z{i:000}", Fields(i)))]);
        var api = await app.AdminApiClientAsync();
        var everything = await WalkAsync(api, $"tenant={tenant}&limit=500");
        var red = everything.Where(n => int.Parse(n[1..], System.Globalization.CultureInfo.InvariantCulture) is var i && (i % 3 == 0 || i % 4 == 0 || i % 10 == 7)).ToList();
        var yellow = everything.Where(n => int.Parse(n[1..], System.Globalization.CultureInfo.InvariantCulture) % 5 == 1).ToList();

        var pages = new List<EventPageDto>();
        string? before = null;
        do
        {
            var page = await ListAsync(api, $"tenant={tenant}&zone=Red&limit=7" + (before is null ? "" : $"&before={before}"));
            pages.Add(page);
            before = page.Older;
        }
        while (before is not null);

        Assert.Equal(68, red.Count); // 40 + 30 − 10 with both red hosts, + 12 − 4 with the file
        Assert.Equal(red, pages.SelectMany(p => p.Items).Select(e => e.Name!));
        Assert.All(pages.SelectMany(p => p.Items), e => Assert.Equal("Red", e.Zone));
        Assert.Null(pages[0].Newer);

        // Back up from the last page with the newer cursors.
        var walkedBack = new List<string>(pages[^1].Items.Select(e => e.Name!));
        var after = pages[^1].Newer;
        while (after is not null)
        {
            var page = await ListAsync(api, $"tenant={tenant}&zone=Red&limit=7&after={after}");
            walkedBack.InsertRange(0, page.Items.Select(e => e.Name!));
            after = page.Newer;
        }

        Assert.Equal(red, walkedBack);
        Assert.Equal(yellow, await WalkAsync(api, $"tenant={tenant}&zone=Yellow&limit=5"));
    }

    [Fact]
    public async Task An_event_with_two_observables_of_the_zone_is_listed_once()
    {
        var tenant = await app.CreateTenantAsync();
        var (redHost, redSite) = (Unique("both"), Unique("site"));
        await CacheAsync(TipZone.Red, redHost);
        await CacheAsync(TipZone.Red, redSite);
        await app.IngestAsync(
            tenant,
            EventTesting.Sample(Base, "older", new { RequestUrl = $"http://{redSite}/a" }),
            EventTesting.Sample(Base.AddMinutes(1), "both", new { DestinationHostName = redHost, RequestUrl = $"http://{redSite}/b" }),
            EventTesting.Sample(Base.AddMinutes(2), "newer", new { DestinationHostName = redHost }));
        var api = await app.AdminApiClientAsync();

        Assert.Equal(["newer", "both", "older"], await WalkAsync(api, $"tenant={tenant}&zone=Red&limit=1"));
        Assert.Equal(["newer", "both", "older"], await WalkAsync(api, $"tenant={tenant}&zone=Red"));
    }

    [Fact]
    public async Task The_zone_filter_keeps_to_the_selected_tenants_and_merges_them_newest_first()
    {
        var first = await app.CreateTenantAsync();
        var second = await app.CreateTenantAsync();
        var stranger = await app.CreateTenantAsync();
        var redHost = Unique("shared");
        await CacheAsync(TipZone.Red, redHost);
        await app.IngestAsync(first, [.. new[] { 0, 2, 3, 6 }.Select(i => EventTesting.Sample(Base.AddMinutes(i), $"e{i}", new { DestinationHostName = redHost }))]);
        await app.IngestAsync(second, [.. new[] { 1, 4, 5 }.Select(i => EventTesting.Sample(Base.AddMinutes(i), $"e{i}", new { DestinationHostName = redHost }))]);
        await app.IngestAsync(stranger, EventTesting.Sample(Base.AddMinutes(7), "theirs", new { DestinationHostName = redHost }));
        var both = await app.CreateUserAsync(Roles.Analyst, first, second);
        var onlyFirst = await app.CreateUserAsync(Roles.Analyst, first);
        var bothApi = await app.ApiClientAsync(both.UserName, both.Password);
        var firstApi = await app.ApiClientAsync(onlyFirst.UserName, onlyFirst.Password);

        Assert.Equal(["e6", "e5", "e4", "e3", "e2", "e1", "e0"], await WalkAsync(bothApi, "zone=Red&limit=3"));
        Assert.Equal(["e6", "e3", "e2", "e0"], await WalkAsync(firstApi, "zone=Red&limit=3"));
        Assert.Empty(await WalkAsync(firstApi, $"zone=Red&tenant={second}"));
        Assert.Empty(await WalkAsync(bothApi, $"zone=Red&tenant={stranger}"));
        var browser = await app.SignInAsync(onlyFirst.UserName, onlyFirst.Password);
        var html = await browser.GetStringAsync("/Events?zone=Red");
        Assert.Contains(">e6</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">e5</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_zone_filter_combines_with_time_text_and_observable_filters()
    {
        var tenant = await app.CreateTenantAsync();
        var redHost = Unique("combined");
        await CacheAsync(TipZone.Red, redHost);
        await app.IngestAsync(
            tenant,
            EventTesting.Sample(Base, "alpha login", new { DestinationHostName = redHost }),
            EventTesting.Sample(Base.AddMinutes(1), "beta", new { DestinationHostName = redHost, SourceAddress = "203.0.113.7" }),
            EventTesting.Sample(Base.AddMinutes(2), "alpha clean", new { SourceAddress = "203.0.113.7" }),
            EventTesting.Sample(Base.AddMinutes(3), "ALPHA again", new { DestinationHostName = redHost }));
        var api = await app.AdminApiClientAsync();
        var range = $"from={Uri.EscapeDataString(Base.AddMinutes(1).ToString("O"))}&to={Uri.EscapeDataString(Base.AddMinutes(3).ToString("O"))}";

        Assert.Equal(["ALPHA again", "alpha login"], await WalkAsync(api, $"tenant={tenant}&zone=Red&text=alpha&limit=1"));
        Assert.Equal(["beta"], await WalkAsync(api, $"tenant={tenant}&zone=Red&{range}"));
        Assert.Equal(["beta"], await WalkAsync(api, $"tenant={tenant}&zone=Red&observable=203.0.113.7"));
        Assert.Equal(["ALPHA again", "beta", "alpha login"], await WalkAsync(api, $"tenant={tenant}&zone=Red&observable={redHost}&limit=2"));
        Assert.Empty(await WalkAsync(api, $"tenant={tenant}&zone=Orange"));
    }

    /// <summary>The names of every event the query lists, following the older cursors.</summary>
    private static async Task<List<string>> WalkAsync(HttpClient api, string query)
    {
        var names = new List<string>();
        string? before = null;
        do
        {
            var page = await ListAsync(api, query + (before is null ? "" : $"&before={before}"));
            names.AddRange(page.Items.Select(e => e.Name!));
            before = page.Older;
        }
        while (before is not null);

        return names;
    }

    private static async Task<EventPageDto> ListAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/v1/events?" + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EventPageDto>())!;
    }

    /// <summary>What a finished lookup leaves in the shared cache: an entry in the zone, and a file's other hashes as aliases.</summary>
    private Task CacheAsync(TipZone zone, string value, params string[] aliases) => app.AsAdministratorAsync(async sp =>
    {
        var observable = ObservableParser.Parse(value).Value!;
        var entry = new ObservableCacheEntry
        {
            Id = Guid.CreateVersion7(),
            Key = observable.Key,
            TipType = observable.TipType,
            Value = observable.Value,
            Zone = zone,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
        entry.Aliases.AddRange(aliases.Select(a => new ObservableAlias { Key = ObservableParser.Parse(a).Value!.Key, EntryId = entry.Id }));
        var db = sp.GetRequiredService<AppDbContext>();
        db.ObservableCache.Add(entry);
        await db.SaveChangesAsync();
        return 0;
    });

    private static string Unique(string label) => $"{label}-{Guid.NewGuid():N}.example.com";

    private static string Hex(int length) => string.Concat(Enumerable.Range(0, (length / 32) + 1).Select(_ => Guid.NewGuid().ToString("N")))[..length];
}

public sealed class EventZoneFilterTestsOnSqlite(KumaTipApp<OnSqlite> app) : EventZoneFilterTests<OnSqlite>(app);

public sealed class EventZoneFilterTestsOnPostgres(KumaTipApp<OnPostgres> app) : EventZoneFilterTests<OnPostgres>(app);
