using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Events;

namespace KumaTip.BrowserTests.Infrastructure;

public sealed record TenantAnalyst(Guid TenantId, string TenantName, TestUser User);

public static class Analysts
{
    /// <summary>A new tenant with an analyst who sees only it, so lists hold this test's data alone.</summary>
    public static async Task<TenantAnalyst> AnalystOfNewTenantAsync(this BrowserApp app)
    {
        var name = "Tenant " + Guid.NewGuid().ToString("N")[..8];
        var tenant = await app.CreateTenantAsync(name);
        return new TenantAnalyst(tenant, name, await app.CreateUserAsync(Roles.Analyst, tenant));
    }

    public static Task<IPage> PageOfAsync(this BrowserSuite suite, TenantAnalyst analyst) =>
        suite.PageOfAsync(analyst.User.UserName, analyst.User.Password);

    /// <summary>Ingests events through POST /api/v1/events with the tenant's ingestion token, named so a test finds them.</summary>
    public static Task IngestAsync(this BrowserApp app, Guid tenant, params (string Name, object Fields)[] events) =>
        app.IngestAsync(tenant, [.. events.Select(e => EventTesting.Sample(DateTimeOffset.UtcNow, e.Name, e.Fields))]);
}
