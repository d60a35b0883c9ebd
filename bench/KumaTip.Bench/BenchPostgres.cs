using KumaTip.IntegrationTests.Infrastructure;

namespace KumaTip.Bench;

/// <summary>
/// The benchmark's own PostgreSQL cluster. Durability is off as in the tests: the API ingestion and the raw COPY it is
/// compared with run under the same settings; memory is sized for a million events.
/// </summary>
public static class BenchPostgres
{
    public static ThrowawayPostgres Start(bool diagnose = false) => new(
        "-c max_connections=100 -c shared_buffers=512MB -c work_mem=16MB -c max_wal_size=4GB -c checkpoint_timeout=30min"
        // For the console log's diagnostics (ServerDiagnostics): statements' times, slow statements and every autovacuum run.
        + (diagnose
            ? " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on -c log_min_duration_statement=1000 -c log_autovacuum_min_duration=0"
            : ""),
        poolSize: 40);
}
