using Microsoft.Data.Sqlite;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>Each integration test class runs once per database through these marker types.</summary>
public interface IDatabaseKind
{
    static abstract string Provider { get; }

    static abstract Task<string> CreateDatabaseAsync();
}

public sealed class OnSqlite : IDatabaseKind
{
    public static string Provider => "Sqlite";

    public static Task<string> CreateDatabaseAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), "kumatip-test-" + Guid.NewGuid().ToString("N")[..12] + ".db");
        return Task.FromResult(new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ConnectionString);
    }
}

public sealed class OnPostgres : IDatabaseKind
{
    public static string Provider => "Postgres";

    public static Task<string> CreateDatabaseAsync() => PostgresServer.CreateDatabaseAsync();
}
