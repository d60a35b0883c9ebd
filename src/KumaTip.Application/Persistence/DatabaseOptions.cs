using System.ComponentModel.DataAnnotations;

namespace KumaTip.Application.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The <c>Database</c> section. The connection string is <c>ConnectionStrings:KumaTip</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up. Always on for the embedded SQLite default; opt-in for PostgreSQL.</summary>
    public bool? MigrateOnStart { get; set; }

    [Range(1, 300)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    public bool ShouldMigrateOnStart => MigrateOnStart ?? Provider == DatabaseProvider.Sqlite;
}

/// <summary>Where KumaTip keeps its files (the SQLite database, the master key): <c>DataDirectory</c>, default <c>./data</c>.</summary>
public sealed class DataDirectory(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string File(string name) => System.IO.Path.Combine(Path, name);
}
