namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the whole test run: a <see cref="ThrowawayPostgres"/> started at first use and stopped
/// when the run ends (<see cref="TestRun"/>). When KUMATIP_TEST_POSTGRES holds a connection string, that server is
/// used instead. A missing PostgreSQL fails the tests; it never falls back to SQLite.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> AdminConnection = new(() =>
        Environment.GetEnvironmentVariable("KUMATIP_TEST_POSTGRES") is { Length: > 0 } external
            ? external
            : (_cluster = new ThrowawayPostgres("-c max_connections=1000 -c shared_buffers=128MB", poolSize: 50)).AdminConnectionString);

    private static ThrowawayPostgres? _cluster;

    public static Task<string> CreateDatabaseAsync() =>
        ThrowawayPostgres.CreateDatabaseAsync(AdminConnection.Value, "kumatip_test_" + Guid.NewGuid().ToString("N")[..16]);

    /// <summary>Stops the cluster, if one was started.</summary>
    public static void Stop() => _cluster?.Dispose();
}
