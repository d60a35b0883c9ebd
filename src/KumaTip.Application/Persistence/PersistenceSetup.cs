using KumaTip.Application.Caching;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Persistence;

/// <summary>The provider and connection string in force, worked out once from configuration.</summary>
public sealed record DatabaseConnection(DatabaseProvider Provider, string ConnectionString);

public static class PersistenceSetup
{
    public const string ConnectionStringName = "KumaTip";

    /// <summary>
    /// Contexts are pooled: the options depend only on singletons, and building a context per scope (EF's default)
    /// cost a tenth of the CPU of a request answered from the in-memory copies, which then never touches the
    /// database. A pooled context is reset when its scope ends; the one thing of its own it keeps, the tenants its
    /// queries may see, is handed over from the scope each time it is rented.
    /// </summary>
    private const int PoolSize = 1024;

    /// <summary>
    /// Both provider contexts are registered and <see cref="AppDbContext"/> resolves to the configured one.
    /// Everything is read from configuration when first resolved, not at registration, so hosts and tests
    /// that add configuration late are honoured.
    /// </summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new DataDirectory(sp.GetRequiredService<IConfiguration>()["DataDirectory"] ?? "data"));
        services.AddSingleton(sp => ResolveConnection(
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value,
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<DataDirectory>()));

        services.AddPooledDbContextFactory<SqliteAppDbContext>((sp, o) => o.UseSqlite(
                sp.GetRequiredService<DatabaseConnection>().ConnectionString,
                sqlite => sqlite.CommandTimeout(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.CommandTimeoutSeconds))
            .AddInterceptors(sp.GetRequiredService<ChangePublishingInterceptor>()),
            PoolSize);
        services.AddPooledDbContextFactory<PostgresAppDbContext>((sp, o) => o.UseNpgsql(
                sp.GetRequiredService<DatabaseConnection>().ConnectionString,
                npgsql => npgsql.CommandTimeout(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.CommandTimeoutSeconds))
            .AddInterceptors(sp.GetRequiredService<ChangePublishingInterceptor>()),
            PoolSize);
        services.AddScoped<AppDbContext>(sp =>
        {
            AppDbContext context = sp.GetRequiredService<DatabaseConnection>().Provider switch
            {
                DatabaseProvider.Postgres => sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>().CreateDbContext(),
                _ => sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>().CreateDbContext(),
            };
            context.Access = sp.GetRequiredService<TenantAccess>();
            return context;
        });

        services.AddScoped<DatabaseMigrator>();
        services.AddCaching();
        return services;
    }

    private static DatabaseConnection ResolveConnection(DatabaseOptions options, IConfiguration configuration, DataDirectory dataDirectory)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite when string.IsNullOrWhiteSpace(connectionString):
                Directory.CreateDirectory(dataDirectory.Path);
                return new DatabaseConnection(DatabaseProvider.Sqlite, $"Data Source={dataDirectory.File("kumatip.db")};Pooling=True");
            case DatabaseProvider.Sqlite:
                return new DatabaseConnection(DatabaseProvider.Sqlite, connectionString!);
            case DatabaseProvider.Postgres when string.IsNullOrWhiteSpace(connectionString):
                throw new OptionsValidationException(
                    "ConnectionStrings:KumaTip",
                    typeof(DatabaseOptions),
                    ["Database:Provider is Postgres but ConnectionStrings:KumaTip is empty. Set it, e.g. "
                     + "ConnectionStrings__KumaTip=\"Host=localhost;Database=kumatip;Username=kumatip;Password=...\"."]);
            case DatabaseProvider.Postgres:
                return new DatabaseConnection(DatabaseProvider.Postgres, WithPoolDefaults(connectionString!));
            default:
                return new DatabaseConnection(options.Provider, connectionString!);
        }
    }

    /// <summary>
    /// Two Npgsql defaults changed, each only when the connection string does not say it itself.
    /// <para>
    /// <c>Max Auto Prepare</c>: Npgsql prepares the statements a connection runs often (the token check, the settings,
    /// the cache and the task claim run on every request or task), which about halves PostgreSQL's CPU for them. Off
    /// by default in Npgsql because poolers in transaction mode (PgBouncer) cannot keep prepared statements: 0 turns it off.
    /// </para>
    /// <para>
    /// <c>No Reset On Close</c>: EF Core opens a pooled connection for every query and returns it after, and Npgsql
    /// resets a returned connection's session (RESET ALL, CLOSE ALL, UNLISTEN *, advisory unlock, DISCARD SEQUENCES and
    /// TEMP) before its next use, which doubled PostgreSQL's CPU for a simple query (measured: about 60 µs more per
    /// query, on every one of the ten or more queries of a lookup task). KumaTip keeps no
    /// session state on pooled connections: no temporary tables, advisory locks, <c>SET</c> or cursors; a transaction
    /// left open is still rolled back when the connection is returned; the one <c>LISTEN</c> is on the task
    /// listener's own connection, which stays open and is never returned to the pool while it listens.
    /// </para>
    /// </summary>
    private static string WithPoolDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var changed = false;
        if (!Says(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            changed = true;
        }

        if (!Says(connectionString, "No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
            changed = true;
        }

        return changed ? builder.ConnectionString : connectionString;
    }

    private static bool Says(string connectionString, params string[] keywords) =>
        keywords.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
}
