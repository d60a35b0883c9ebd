using System.Net;
using System.Text.Json;
using KumaTip.Application.Persistence;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.Application.ThreatLookup.Tip;
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
    public async Task A_lookup_stores_the_answer_and_the_end_of_its_fetch_and_the_accounts_daily_counters_follow()
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
        var entry = await app.AsAdministratorAsync(sp =>
            sp.GetRequiredService<AppDbContext>().ObservableCache.AsNoTracking().SingleAsync(e => e.Key == "domain:" + value));
        Assert.NotNull(entry.UpdatedAt);
        Assert.Null(entry.FetchingUntil);

        // TIP's own figures are written off the lookup's path, soon after its answer.
        var quota = await QuotaRowWhenAsync(q => q.LicenseInfoAt is not null && q.DayRequests == app.Simulator.DayRequests());
        Assert.Equal(app.Simulator.DayRequests(), quota.DayRequests);
        Assert.NotNull(quota.LicenseInfoAt);
    }

    [Fact]
    public async Task TIPs_figures_are_recorded_latest_first_and_never_replaced_by_older_ones()
    {
        var recorder = app.Services.GetRequiredService<LicenceInfoRecorder>();
        var later = new DateTimeOffset(DateTime.UtcNow.Date.AddYears(10), TimeSpan.Zero);

        // A burst of answers: the last one's figures are what stays.
        for (var requests = 1; requests <= 50; requests++)
        {
            recorder.Record(new TipLicenseInfo { AccessType = "Commercial", DayRequests = 7_000 + requests, DayQuota = 9_000 });
        }

        var recorded = await QuotaRowWhenAsync(q => q.DayRequests == 7_050);
        try
        {
            await RecordAsync(new TipLicenseInfo { AccessType = "Trial", DayRequests = 1, DayQuota = 2 }, later);
            await RecordAsync(new TipLicenseInfo { AccessType = "Commercial", DayRequests = 3, DayQuota = 4 }, later.AddMinutes(-1));
            var afterOlder = await QuotaRowWhenAsync(_ => true);

            Assert.Equal(("Commercial", 7_050L, 9_000L), (recorded.AccessType, recorded.DayRequests, recorded.DayQuota));
            Assert.Equal(("Trial", 1L, 2L, later), (afterOlder.AccessType, afterOlder.DayRequests, afterOlder.DayQuota, afterOlder.LicenseInfoAt));
        }
        finally
        {
            // The figures of the far future would hold off those of the other tests' lookups.
            await app.AsAdministratorAsync(sp => sp.GetRequiredService<AppDbContext>().LicenseQuota
                .ExecuteUpdateAsync(u => u.SetProperty(q => q.LicenseInfoAt, (DateTimeOffset?)null)));
        }
    }

    private Task<bool> RecordAsync(TipLicenseInfo info, DateTimeOffset at) => app.AsAdministratorAsync(async sp =>
    {
        await sp.GetRequiredService<QuotaService>().RecordLicenseInfoAsync(info, at, CancellationToken.None);
        return true;
    });

    /// <summary>The licence row once it satisfies the condition (TIP's figures are written off the lookup's path).</summary>
    private async Task<LicenseQuota> QuotaRowWhenAsync(Func<LicenseQuota, bool> condition)
    {
        for (var waited = TimeSpan.Zero; ; waited += TimeSpan.FromMilliseconds(50))
        {
            var row = await app.AsAdministratorAsync(sp => sp.GetRequiredService<AppDbContext>().LicenseQuota.AsNoTracking().SingleAsync());
            if (condition(row) || waited > TimeSpan.FromSeconds(10))
            {
                return row;
            }

            await Task.Delay(50);
        }
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
