using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Foundation;

public abstract class SchemaTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_leave_nothing_pending()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(TDb.Provider == "Postgres" ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", db.Database.ProviderName);
    }

    [Fact]
    public async Task The_model_has_no_changes_without_a_migration()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model changed without a migration for {TDb.Provider}: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public async Task Health_endpoints_answer_live_and_ready()
    {
        var client = app.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task The_API_is_documented_at_swagger()
    {
        var client = app.CreateClient();

        var document = await client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Contains("/api/v1/lookups", document);
        Assert.Contains("/api/v1/tokens", document);
        Assert.Contains("/api/v1/events", document);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task Tenant_Main_exists_from_the_start()
    {
        var api = await app.AdminApiClientAsync();

        var tenants = await api.GetFromJsonAsync<List<TenantDto>>("/api/v1/tenants");

        Assert.Contains(tenants!, t => t.Name == "Main");
    }
}

public sealed record TenantDto(Guid Id, string Name, string? Description);

public sealed class SchemaTestsOnSqlite(KumaTipApp<OnSqlite> app) : SchemaTests<OnSqlite>(app);

public sealed class SchemaTestsOnPostgres(KumaTipApp<OnPostgres> app) : SchemaTests<OnPostgres>(app);
