using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KumaTip.Application.Persistence;

public static class PersistenceSetup
{
    public const string ConnectionStringName = "KumaTip";

    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        var dataDirectory = new DataDirectory(configuration["DataDirectory"] ?? "data");
        services.AddSingleton(dataDirectory);

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = string.IsNullOrWhiteSpace(connectionString)
                    ? DefaultSqliteConnectionString(dataDirectory)
                    : connectionString;
                services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(
                    connectionString,
                    sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds)));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new OptionsValidationException(
                        "ConnectionStrings:KumaTip",
                        typeof(DatabaseOptions),
                        ["Database:Provider is Postgres but ConnectionStrings:KumaTip is empty. Set it, e.g. "
                         + "ConnectionStrings__KumaTip=\"Host=localhost;Database=kumatip;Username=kumatip;Password=...\"."]);
                }

                services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(
                    connectionString,
                    npgsql => npgsql.CommandTimeout(options.CommandTimeoutSeconds)));
                break;
            default:
                throw new OptionsValidationException(
                    "Database:Provider", typeof(DatabaseOptions), ["Database:Provider must be Sqlite or Postgres."]);
        }

        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    private static string DefaultSqliteConnectionString(DataDirectory dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory.Path);
        return $"Data Source={dataDirectory.File("kumatip.db")};Cache=Shared;Pooling=True";
    }
}
