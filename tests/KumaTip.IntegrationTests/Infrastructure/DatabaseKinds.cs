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

    /// <summary>Removes a database this class made: its file and SQLite's write-ahead log beside it.</summary>
    public static void Delete(string connectionString)
    {
        using (var connection = new SqliteConnection(connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }
    }
}

public sealed class OnPostgres : IDatabaseKind
{
    public static string Provider => "Postgres";

    public static Task<string> CreateDatabaseAsync() => PostgresServer.CreateDatabaseAsync();
}
