using KumaTip.Application.Demo;
using KumaTip.Application.Events;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Demo;

public abstract class DemoSeedTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Seeding_twice_creates_the_tenants_analysts_and_events_once_including_the_known_malicious_url()
    {
        using var demo = app.WithWebHostBuilder(b => b
            .UseSetting("Demo:EventsPerTenant", "400")
            .UseSetting("Demo:MainAnalystPassword", "Main-Analyst-2026!"));

        var first = await SeedAsync(demo);
        var second = await SeedAsync(demo);

        Assert.Equal(["analyst.main", "analyst.industrial"], first.Users.Select(u => u.UserName));
        Assert.Equal("Main-Analyst-2026!", first.Users[0].Password);
        Assert.False(string.IsNullOrEmpty(first.Users[1].Password)); // generated
        Assert.All(second.Users, u => Assert.Null(u.Password));
        Assert.Equal([400, 400], first.EventsAdded.Values);
        Assert.Equal([0, 0], second.EventsAdded.Values);

        await using var scope = demo.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var main = await db.Tenants.SingleAsync(t => t.Name == Tenant.MainTenantName);
        Assert.Equal(2, await db.Tenants.CountAsync(t => t.Name == Tenant.MainTenantName || t.Name == DemoSeeder.IndustrialTenantName));
        Assert.Equal(400, await db.Set<Event>().CountAsync(e => e.TenantId == main.Id));
        var keys = await db.Set<EventObservable>().Where(o => o.TenantId == main.Id).Select(o => o.ObservableKey).Distinct().ToListAsync();
        Assert.Contains("url:" + DemoEventGenerator.MaliciousUrl, keys);
        Assert.Contains("domain:" + DemoEventGenerator.MaliciousDomain, keys);
        Assert.Contains("domain:kaspersky.com", keys);
        Assert.Contains("ip:8.8.8.8", keys);
        Assert.Contains(keys, k => k.StartsWith("md5:", StringComparison.Ordinal) || k.StartsWith("sha256:", StringComparison.Ordinal));
        Assert.True(await db.Set<EventObservable>().AnyAsync(o => o.TenantId == main.Id && o.IsPrivateOrReserved));

        var analyst = await app.SignInAsync("analyst.main", "Main-Analyst-2026!");
        var page = await analyst.GetStringAsync("/Events?observable=" + DemoEventGenerator.MaliciousDomain);
        Assert.Contains(DemoEventGenerator.MaliciousUrl, page, StringComparison.Ordinal);
    }

    private static async Task<DemoSeedReport> SeedAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantAccess>().GrantAll();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("seed-demo");
        var result = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        Assert.True(result.Succeeded, result.Error?.Message);
        return result.Value!;
    }
}

public sealed class DemoSeedTestsOnSqlite(KumaTipApp<OnSqlite> app) : DemoSeedTests<OnSqlite>(app);

public sealed class DemoSeedTestsOnPostgres(KumaTipApp<OnPostgres> app) : DemoSeedTests<OnPostgres>(app);
