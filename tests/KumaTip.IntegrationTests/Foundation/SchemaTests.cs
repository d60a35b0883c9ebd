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
    public async Task Without_migrating_on_start_the_app_refuses_an_unmigrated_database_in_one_line_that_says_how_to_migrate()
    {
        var empty = await TDb.CreateDatabaseAsync();
        using var unmigrated = app.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:KumaTip", empty).UseSetting("Database:MigrateOnStart", "false"));

        var refusal = StartRefusals.Start(unmigrated, "The database schema is not up to date");

        Assert.Contains("-- migrate", refusal, StringComparison.Ordinal);
        Assert.Contains("Database__MigrateOnStart=true", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_that_cannot_be_reached_is_a_refusal_to_start_that_names_the_setting_and_not_the_password()
    {
        const string password = "Not-Logged-Pw-7731";
        var unreachable = TDb.Provider == OnPostgres.Provider
            ? $"Host=127.0.0.1;Port=1;Database=kumatip;Username=kumatip;Password={password};Timeout=3"
            : $"Data Source={Path.Combine(Path.GetTempPath(), "kumatip-no-such-folder-" + Guid.NewGuid().ToString("N"), "kumatip.db")}";
        using var offline = app.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:KumaTip", unreachable));

        var refusal = StartRefusals.Start(offline, "The database did not answer or refused the connection");

        Assert.Contains("ConnectionStrings__KumaTip", refusal, StringComparison.Ordinal);
        if (TDb.Provider == OnPostgres.Provider)
        {
            CapturedLogs.AssertNoneContain(password);
        }
    }

    [Fact]
    public async Task A_migration_that_fails_is_a_refusal_that_names_the_statements_error_not_the_connection()
    {
        // A table of the schema made by hand beforehand: the first migration's CREATE TABLE fails once connected.
        var occupied = await TDb.CreateDatabaseAsync();
        await using (var connection = TDb.Provider == OnPostgres.Provider
                         ? (System.Data.Common.DbConnection)new Npgsql.NpgsqlConnection(occupied)
                         : new Microsoft.Data.Sqlite.SqliteConnection(occupied))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE \"Tenants\" (\"Made\" integer)";
            await create.ExecuteNonQueryAsync();
        }

        using var failing = app.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:KumaTip", occupied).UseSetting("Database:MigrateOnStart", "true"));

        var refusal = StartRefusals.Start(failing, "The database refused a statement while KumaTip prepared it");

        Assert.Matches("""Tenants\\?" already exists""", refusal);
        Assert.DoesNotContain("did not answer", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_start_on_an_empty_database_logs_no_error_for_the_migration_history_it_has_not_got_yet()
    {
        // Every app of the run, this class's too, started on an empty database: an administrator's first start reads
        // the same log.
        Assert.DoesNotContain(CapturedLogs.All, line => line.StartsWith("Error", StringComparison.Ordinal)
                                                        && line.Contains("__EFMigrationsHistory", StringComparison.Ordinal));
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
    public async Task Every_API_response_body_is_described_in_the_OpenAPI_document()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));

        var undescribed = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToList();
                foreach (var response in responses.Where(r => r.Name != "204"))
                {
                    // A body is described when it names a schema: a type of its own, a list of one, or a plain value.
                    var described = response.Value.TryGetProperty("content", out var content)
                        && content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out var schema) && Names(schema));
                    if (!described)
                    {
                        undescribed.Add($"{operation.Name.ToUpperInvariant()} {path.Name} {response.Name}");
                    }
                }

                if (!responses.Any(r => r.Name == "400"))
                {
                    undescribed.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: no problem response");
                }
            }
        }

        Assert.Empty(undescribed);

        static bool Names(System.Text.Json.JsonElement schema) =>
            schema.TryGetProperty("$ref", out _)
            || (schema.TryGetProperty("items", out var items) && Names(items))
            || (schema.TryGetProperty("type", out var type) && type.GetString() is "string" or "integer" or "number" or "boolean");
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
