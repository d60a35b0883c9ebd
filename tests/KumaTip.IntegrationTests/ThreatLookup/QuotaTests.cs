using System.Net;
using System.Text.Json;
using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.TipSimulator.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.ThreatLookup;

/// <summary>The licence counter: one statement reserves in the common case; a new period, the end and refusals still hold.</summary>
public abstract class QuotaTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    /// <summary>Each test counts a period of its own, later than any counted before in this database.</summary>
    private static int _periods;

    [Fact]
    public async Task Requests_are_reserved_up_to_the_limit_then_refused_and_a_later_period_end_starts_a_new_count()
    {
        var period = NewPeriodEnd();
        var terms = new LicenceTerms(2, period);

        var reserved = new[] { await ReserveAsync(terms), await ReserveAsync(terms), await ReserveAsync(terms) };
        var renewed = await ReserveAsync(terms with { PeriodEnd = period.AddYears(1) });

        Assert.Equal([null, null, "quota_exhausted"], reserved.Select(r => r.Error?.Code));
        Assert.True(renewed.Succeeded, renewed.Error?.Message);
        Assert.Equal((1, period.AddYears(1)), await CounterAsync());
    }

    [Fact]
    public async Task An_ended_period_is_refused_and_nothing_is_counted()
    {
        await ReserveAsync(new LicenceTerms(10, NewPeriodEnd()));
        var before = await CounterAsync();

        var refused = await ReserveAsync(new LicenceTerms(10, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1)));

        Assert.Equal("licence_period_ended", refused.Error?.Code);
        Assert.Equal(before, await CounterAsync());
    }

    [Fact]
    public async Task A_lookup_stores_the_answer_the_accounts_daily_counters_and_the_end_of_its_fetch()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        // Under a fixture domain, so TIP has data for it (and LicenseInfo with it): one random name in 16 is unknown to
        // the simulator, which answers 404 without LicenseInfo.
        var value = $"quota-{Guid.NewGuid():N}.{SimulatorFixtures.PhishingDomain}";

        var accepted = await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
        var task = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}?waitSeconds=30");

        Assert.Equal("Completed", task.GetProperty("state").GetString());
        var (entry, quota) = await app.AsAdministratorAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var entry = await db.ObservableCache.AsNoTracking().SingleAsync(e => e.Key == "domain:" + value);
            return (entry, await db.LicenseQuota.AsNoTracking().SingleAsync());
        });
        Assert.NotNull(entry.UpdatedAt);
        Assert.Null(entry.FetchingUntil);
        Assert.Equal(app.Simulator.DayRequests(), quota.DayRequests);
        Assert.NotNull(quota.LicenseInfoAt);
    }

    private static DateOnly NewPeriodEnd() =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddYears(5).AddDays(Interlocked.Increment(ref _periods) * 400);

    private Task<KumaTip.Application.Common.Result> ReserveAsync(LicenceTerms terms) =>
        app.AsAdministratorAsync(sp => sp.GetRequiredService<QuotaService>().TryReserveAsync(terms, CancellationToken.None));

    private Task<(int Used, DateOnly? PeriodEnd)> CounterAsync() => app.AsAdministratorAsync(async sp =>
    {
        var row = await sp.GetRequiredService<AppDbContext>().LicenseQuota.AsNoTracking().SingleAsync();
        return (row.Used, row.PeriodEnd);
    });
}

public sealed class QuotaTestsOnSqlite(LookupApp<OnSqlite> app) : QuotaTests<OnSqlite>(app);

public sealed class QuotaTestsOnPostgres(LookupApp<OnPostgres> app) : QuotaTests<OnPostgres>(app);
