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
public sealed class ServerDiagnostics(ThrowawayPostgres postgres, NpgsqlDataSource dataSource, bool enabled)
{
    private string? _logFile;
    private bool _statements;
    private System.Diagnostics.Process? _perf;
    private int _profiles;

    /// <summary>Makes pg_stat_statements readable in the benchmark's database (the server loads it when diagnosing).</summary>
    public async Task StartAsync()
    {
        if (enabled)
        {
            await using var create = dataSource.CreateCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await create.ExecuteNonQueryAsync();
            _statements = true;
        }
    }

    public async Task<Snapshot> TakeAsync()
    {
        if (enabled && _perf is null && File.Exists("/usr/bin/perf"))
        {
            // PostgreSQL's processes sampled during the pass, to see what its CPU went on.
            _perf = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
                "/usr/bin/perf", $"record -F 499 -a -g -o /tmp/kumatip-bench-perf-{Environment.ProcessId}-{++_profiles}.data")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
        }

        if (_statements)
        {
            await using var reset = dataSource.CreateCommand("SELECT pg_stat_statements_reset()");
            await reset.ExecuteNonQueryAsync();
        }

        return await SnapshotAsync();
    }

    private async Task<Snapshot> SnapshotAsync()
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
        if (!enabled)
        {
            return [];
        }

        var statements = await TopStatementsAsync();
        var profile = await ProfileAsync();
        var after = await SnapshotAsync();
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"PostgreSQL CPU: backends {after.Cpu.BackendsMs - before.Cpu.BackendsMs:N0} ms, ")
            + string.Create(CultureInfo.InvariantCulture, $"background alive {after.Cpu.BackgroundMs - before.Cpu.BackgroundMs:N0} ms (autovacuum workers {after.Cpu.AutovacuumMs - before.Cpu.AutovacuumMs:N0} ms), ")
            + string.Create(CultureInfo.InvariantCulture, $"ended processes {after.Cpu.ReapedMs - before.Cpu.ReapedMs:N0} ms; ")
            + string.Create(CultureInfo.InvariantCulture, $"blocks read {after.BlocksRead - before.BlocksRead:N0}, hit {after.BlocksHit - before.BlocksHit:N0}, ")
            + string.Create(CultureInfo.InvariantCulture, $"written by backends {after.BuffersBackend - before.BuffersBackend:N0}, allocated {after.BuffersAlloc - before.BuffersAlloc:N0}; ")
            + string.Create(CultureInfo.InvariantCulture, $"autovacuums {after.Autovacuums - before.Autovacuums}, autoanalyzes {after.Autoanalyzes - before.Autoanalyzes}"),
        };
        lines.AddRange(statements);
        lines.AddRange(profile);
        if (_logFile is not null && File.Exists(_logFile))
        {
            await using var log = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            log.Seek(before.LogLength, SeekOrigin.Begin);
            using var text = new StreamReader(log);
            var notable = (await text.ReadToEndAsync()).Split('\n')
                .Where(l => l.Contains("automatic vacuum", StringComparison.Ordinal) || l.Contains("automatic analyze", StringComparison.Ordinal)
                            || (l.Contains("duration:", StringComparison.Ordinal) && !l.Contains("COPY", StringComparison.Ordinal)))
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

    /// <summary>Stops the sampling begun by the last snapshot; PostgreSQL's functions that took the most samples.</summary>
    private async Task<List<string>> ProfileAsync()
    {
        var lines = new List<string>();
        if (_perf is null)
        {
            return lines;
        }

        var file = $"/tmp/kumatip-bench-perf-{Environment.ProcessId}-{_profiles}.data";
        System.Diagnostics.Process.Start("kill", $"-INT {_perf.Id}")!.WaitForExit();
        await _perf.WaitForExitAsync();
        _perf.Dispose();
        _perf = null;
        using var report = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(
            "/usr/bin/perf", $"report -i {file} --comm postgres --no-children --sort dso,symbol --stdio -g none --percent-limit 1")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await report.StandardOutput.ReadToEndAsync();
        await report.WaitForExitAsync();
        File.Delete(file);
        lines.Add("  perf, PostgreSQL's processes (share of all samples):");
        lines.AddRange(output.Split('\n').Where(l => l.Contains('%', StringComparison.Ordinal) && !l.StartsWith('#')).Take(25).Select(l => "    " + l.Trim()));
        return lines;
    }

    /// <summary>The statements that took the most time since the last snapshot: calls, planning and execution.</summary>
    private async Task<List<string>> TopStatementsAsync()
    {
        var lines = new List<string>();
        if (!_statements)
        {
            return lines;
        }

        await using var command = dataSource.CreateCommand("""
            SELECT calls, total_plan_time, total_exec_time, rows, shared_blks_hit, shared_blks_read, left(regexp_replace(query, '\s+', ' ', 'g'), 140),
                   max_plan_time, max_exec_time, jit_functions, jit_generation_time + jit_inlining_time + jit_optimization_time + jit_emission_time
            FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%' ORDER BY total_plan_time + total_exec_time DESC LIMIT 8
            """);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"  {reader.GetInt64(0),6} calls, plan {reader.GetDouble(1),9:N0} ms (max {reader.GetDouble(7):N0}), exec {reader.GetDouble(2),9:N0} ms (max {reader.GetDouble(8):N0}), "
                + $"JIT {reader.GetInt64(9):N0} functions {reader.GetDouble(10):N0} ms, rows {reader.GetInt64(3):N0}, blocks hit {reader.GetInt64(4):N0} read {reader.GetInt64(5):N0}: {reader.GetString(6)}"));
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
