using System.Globalization;
using KumaTip.IntegrationTests.Infrastructure;
using Npgsql;

namespace KumaTip.Bench;

/// <summary>
/// What PostgreSQL did during a timed pass, for the console log (not the README): its CPU split between the backends
/// serving clients, the background processes alive (checkpointer, writers, autovacuum workers at work) and the ones
/// that ended meanwhile (autovacuum workers, mostly: a reaped child's CPU is added to the postmaster's), the buffer
/// and autovacuum counters, and the server log's lines (slow statements, autovacuum runs) written meanwhile.
/// </summary>
public sealed class ServerDiagnostics(ThrowawayPostgres postgres, NpgsqlDataSource dataSource)
{
    private string? _logFile;

    public async Task<Snapshot> TakeAsync()
    {
        await using var command = dataSource.CreateCommand("""
            SELECT (SELECT blks_read FROM pg_stat_database WHERE datname = current_database()),
                   (SELECT blks_hit FROM pg_stat_database WHERE datname = current_database()),
                   (SELECT buffers_backend FROM pg_stat_bgwriter),
                   (SELECT buffers_alloc FROM pg_stat_bgwriter),
                   (SELECT coalesce(sum(autovacuum_count), 0) FROM pg_stat_user_tables)::bigint,
                   (SELECT coalesce(sum(autoanalyze_count), 0) FROM pg_stat_user_tables)::bigint,
                   current_setting('data_directory')
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        _logFile ??= Path.Combine(Path.GetDirectoryName(reader.GetString(6))!, "server.log");
        return new Snapshot(
            reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
            Cpu(), File.Exists(_logFile) ? new FileInfo(_logFile).Length : 0);
    }

    /// <summary>The differences since <paramref name="before"/>, and the server log's notable lines, in one line each.</summary>
    public async Task<IReadOnlyList<string>> SinceAsync(Snapshot before)
    {
        var after = await TakeAsync();
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"PostgreSQL CPU: backends {after.Cpu.BackendsMs - before.Cpu.BackendsMs:N0} ms, ")
            + string.Create(CultureInfo.InvariantCulture, $"background alive {after.Cpu.BackgroundMs - before.Cpu.BackgroundMs:N0} ms (autovacuum workers {after.Cpu.AutovacuumMs - before.Cpu.AutovacuumMs:N0} ms), ")
            + string.Create(CultureInfo.InvariantCulture, $"ended processes {after.Cpu.ReapedMs - before.Cpu.ReapedMs:N0} ms; ")
            + string.Create(CultureInfo.InvariantCulture, $"blocks read {after.BlocksRead - before.BlocksRead:N0}, hit {after.BlocksHit - before.BlocksHit:N0}, ")
            + string.Create(CultureInfo.InvariantCulture, $"written by backends {after.BuffersBackend - before.BuffersBackend:N0}, allocated {after.BuffersAlloc - before.BuffersAlloc:N0}; ")
            + string.Create(CultureInfo.InvariantCulture, $"autovacuums {after.Autovacuums - before.Autovacuums}, autoanalyzes {after.Autoanalyzes - before.Autoanalyzes}"),
        };
        if (_logFile is not null && File.Exists(_logFile))
        {
            await using var log = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(before.LogLength, SeekOrigin.Begin);
            using var text = new StreamReader(log);
            var notable = (await text.ReadToEndAsync()).Split('\n')
                .Where(l => l.Contains("automatic vacuum", StringComparison.Ordinal) || l.Contains("automatic analyze", StringComparison.Ordinal)
                            || l.Contains("duration:", StringComparison.Ordinal) || l.Contains("elapsed", StringComparison.Ordinal))
                .Select(l => l.Length > 220 ? l[..220] + "…" : l)
                .ToList();
            lines.AddRange(notable.Take(40));
            if (notable.Count > 40)
            {
                lines.Add($"… and {notable.Count - 40} more log lines");
            }
        }

        return lines;
    }

    private ServerCpu Cpu()
    {
        const double tickMs = 10;
        double backends = 0, background = 0, autovacuum = 0, reaped = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var own = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * tickMs;
                if (pid == postgres.ServerProcessId)
                {
                    reaped += (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) * tickMs;
                    background += own;
                }
                else if (int.Parse(fields[1], CultureInfo.InvariantCulture) == postgres.ServerProcessId)
                {
                    var title = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                    if (title.Contains("autovacuum worker", StringComparison.Ordinal))
                    {
                        autovacuum += own;
                        background += own;
                    }
                    else if (title.Contains("127.0.0.1", StringComparison.Ordinal) || title.Contains("[local]", StringComparison.Ordinal))
                    {
                        backends += own;
                    }
                    else
                    {
                        background += own;
                    }
                }
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
        }

        return new ServerCpu(backends, background, autovacuum, reaped);
    }

    public readonly record struct ServerCpu(double BackendsMs, double BackgroundMs, double AutovacuumMs, double ReapedMs);

    public sealed record Snapshot(long BlocksRead, long BlocksHit, long BuffersBackend, long BuffersAlloc, long Autovacuums, long Autoanalyzes, ServerCpu Cpu, long LogLength);
}
