using System.Data.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets.DataProtectionKeys;
using KumaTip.Application.Secrets.Rotation;
using KumaTip.Application.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace KumaTip.Web.Hosting;

public static class DatabasePreparation
{
    /// <summary>
    /// Before serving: migrate when configured (always for the embedded SQLite default), refuse to start on a
    /// database with pending migrations, refuse to start when stored secrets are sealed with a master key that is
    /// not configured, seal the Data Protection keys an earlier version stored in the clear, then make sure tenant
    /// Main and the first administrator exist.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        try
        {
            await PrepareAsync(app);
        }
        catch (Exception e) when ((e as DbException ?? e.InnerException as DbException) is { } database)
        {
            // EF Core wraps what it takes for a transient failure (a refused connection) in an InvalidOperationException.
            // Npgsql's and SQLite's messages name the server or file and what went wrong, never the password.
            var message = database.Message.TrimEnd('.');
            throw new StartupRefusedException(
                IsConnectionFailure(database)
                    ? $"The database did not answer or refused the connection: {message}. Check ConnectionStrings__KumaTip "
                      + "and Database__Provider, and that the database server is running."
                    : $"The database refused a statement while KumaTip prepared it: {message}. Fix what it names and start again.",
                e);
        }
    }

    /// <summary>
    /// The database could not be reached, opened or signed in to, as opposed to a statement that failed once connected
    /// (a migration's, say): the first is about the settings and the server, the second about the database's content.
    /// </summary>
    private static bool IsConnectionFailure(DbException e) => e switch
    {
        // Classes 08 (connection), 28 (authorization), 3D (no such database), 53 (too many connections), 57P (shutting down).
        PostgresException server => server.SqlState[..2] is "08" or "28" or "3D" or "53" || server.SqlState.StartsWith("57P", StringComparison.Ordinal),
        SqliteException file => file.SqliteErrorCode is SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_PERM,
        // Not an answer of the server: the socket, a timeout, TLS.
        _ => true,
    };

    private static async Task PrepareAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CurrentUser>().SetSystem("startup");
        services.GetRequiredService<TenantAccess>().GrantAll();

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.ShouldMigrateOnStart)
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(app.Lifetime.ApplicationStopping);
        }
        else if ((await services.GetRequiredService<DatabaseMigrator>().PendingAsync(app.Lifetime.ApplicationStopping)).Any())
        {
            throw new StartupRefusedException(
                "The database schema is not up to date. Run `dotnet run --project src/KumaTip.Web -- migrate` "
                + "(or `KumaTip.Web migrate` in a container), or set Database__MigrateOnStart=true.");
        }

        // Better to stop now with the key's id and where to put it than to fail on every lookup later.
        var keys = await services.GetRequiredService<MasterKeyUsage>().EnsureKeysAvailableAsync(app.Lifetime.ApplicationStopping);
        if (!keys.Succeeded)
        {
            throw new StartupRefusedException(keys.Error!.Message);
        }

        // Until sealed, anyone holding a copy of the database could forge sign-in cookies with these keys.
        var sealedNow = await services.GetRequiredService<StoredDataProtectionKeys>().SealKeysInClearAsync(app.Lifetime.ApplicationStopping);
        if (sealedNow.Rewrapped > 0)
        {
            app.Logger.LogWarning(
                "Sealed {Count} Data Protection key(s) that an earlier version stored unencrypted; database backups taken before now still hold them in the clear",
                sealedNow.Rewrapped);
        }

        await services.GetRequiredService<TenantService>().EnsureMainTenantAsync(app.Lifetime.ApplicationStopping);
        await services.GetRequiredService<AdminBootstrap>().RunAsync(app.Lifetime.ApplicationStopping);
    }
}
