using System.Security.Cryptography;
using KumaTip.Application.Common;
using KumaTip.Application.Events;
using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Demo;

/// <summary>A demo user as created (or found) by the seeder; <see cref="Password"/> is set only when it was just created.</summary>
public sealed record DemoUser(string TenantName, string UserName, string? Password)
{
    public override string ToString() => $"{UserName} ({TenantName})"; // never the password
}

public sealed record DemoSeedReport(IReadOnlyList<DemoUser> Users, IReadOnlyDictionary<string, int> EventsAdded);

/// <summary>
/// Makes a database demonstrable, and can run again without duplicating anything: tenants Main and Industrial, an
/// analyst per tenant, and a few thousand events per tenant over the last days (only into a tenant that has no events).
/// Runs as the system (General administrator rights): the caller sets <see cref="CurrentUser"/> and <see cref="TenantAccess"/>.
/// </summary>
public sealed class DemoSeeder(
    AppDbContext db,
    TenantService tenants,
    UserService users,
    UserManager<AppUser> userManager,
    EventIngestion ingestion,
    IOptions<DemoOptions> options,
    TimeProvider time)
{
    public const string IndustrialTenantName = "Industrial";

    public async Task<Result<DemoSeedReport>> SeedAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var demoUsers = new List<DemoUser>();
        var added = new Dictionary<string, int>();
        var plan = new[]
        {
            (Tenant: Tenant.MainTenantName, User: "analyst.main", Password: settings.MainAnalystPassword, Seed: 1),
            (Tenant: IndustrialTenantName, User: "analyst.industrial", Password: settings.IndustrialAnalystPassword, Seed: 2),
        };

        foreach (var step in plan)
        {
            var tenant = await EnsureTenantAsync(step.Tenant, ct);
            if (tenant.Error is { } tenantError)
            {
                return tenantError;
            }

            var user = await EnsureAnalystAsync(step.User, step.Password, tenant.Value, step.Tenant, ct);
            if (user.Error is { } userError)
            {
                return userError;
            }

            demoUsers.Add(user.Value!);
            added[step.Tenant] = await EnsureEventsAsync(tenant.Value, settings, step.Seed, ct);
        }

        return new DemoSeedReport(demoUsers, added);
    }

    private async Task<Result<Guid>> EnsureTenantAsync(string name, CancellationToken ct)
    {
        var existing = await db.Tenants.IgnoreQueryFilters().Where(t => t.Name == name).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        var created = await tenants.CreateAsync(new TenantInput(name, "Demo tenant"), ct);
        return created.Error is { } error ? error : created.Value!.Id;
    }

    private async Task<Result<DemoUser>> EnsureAnalystAsync(string userName, string? password, Guid tenantId, string tenantName, CancellationToken ct)
    {
        if (await userManager.FindByNameAsync(userName) is not null)
        {
            return new DemoUser(tenantName, userName, null);
        }

        var chosen = string.IsNullOrEmpty(password) ? GeneratePassword() : password;
        var created = await users.CreateAsync(new UserInput(userName, null, Roles.Analyst, [tenantId], chosen), ct);
        return created.Error is { } error ? error : new DemoUser(tenantName, userName, chosen);
    }

    private async Task<int> EnsureEventsAsync(Guid tenantId, DemoOptions settings, int seed, CancellationToken ct)
    {
        if (settings.EventsPerTenant == 0 || await db.Set<Event>().AnyAsync(e => e.TenantId == tenantId, ct))
        {
            return 0;
        }

        var generator = new DemoEventGenerator(seed);
        var events = generator.Generate(settings.EventsPerTenant, time.GetUtcNow(), TimeSpan.FromDays(settings.Days));
        var stored = 0;
        foreach (var batch in events.Chunk(1_000))
        {
            var result = await ingestion.StoreAsync(tenantId, batch, ct);
            stored += result.Error is null ? result.Value : throw new InvalidOperationException(result.Error.Message);
        }

        return stored;
    }

    /// <summary>16 random URL-safe characters plus one of each class Identity's password rules ask for.</summary>
    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y') + "-Aa1";
}
