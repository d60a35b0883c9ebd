using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KumaTip.Bench;

/// <summary>
/// A PostgreSQL cluster of the benchmark's own: initdb into a temporary folder, started on a free loopback port,
/// removed at the end (the same approach as the integration tests' PostgresServer). Durability is off (fsync,
/// synchronous_commit): both the API ingestion and the raw COPY it is compared with run under the same settings.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string _root;
    private readonly string _binDir;
    private readonly bool _asRoot = Environment.UserName == "root";
    private readonly int _serverProcessId;

    public ThrowawayPostgres()
    {
        _binDir = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
              ?? throw new InvalidOperationException("No /usr/lib/postgresql/*/bin/initdb: apt-get install -y postgresql")
            : throw new InvalidOperationException("PostgreSQL is not installed: apt-get install -y postgresql");
        _root = Path.Combine(Path.GetTempPath(), "kumatip-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_root);
        if (_asRoot)
        {
            Run("chown", $"postgres {_root}", asUser: null); // initdb and pg_ctl refuse to run as root
        }

        Run(Path.Combine(_binDir, "initdb"), $"-D {DataDir} -U postgres --auth=trust -E UTF8 --no-sync", User);
        var port = FreePort();
        var options = $"-p {port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                      + "-c full_page_writes=off -c max_connections=100 -c shared_buffers=512MB -c work_mem=16MB "
                      + "-c max_wal_size=4GB -c checkpoint_timeout=30min";
        Run(Path.Combine(_binDir, "pg_ctl"), $"-D {DataDir} -l {_root}/server.log -w -t 60 -o \"{options}\" start", User);
        _serverProcessId = int.Parse(File.ReadLines(Path.Combine(DataDir, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=40";
        Version = Path.GetFileName(Path.GetDirectoryName(_binDir))!;
    }

    public string AdminConnectionString { get; }

    public string Version { get; }

    private string DataDir => Path.Combine(_root, "data");

    private string? User => _asRoot ? "postgres" : null;

    /// <summary>
    /// CPU time used so far by this cluster: the postmaster and its live processes, plus the processes it has reaped.
    /// Throughput on a shared machine depends on what else runs; CPU per event does much less.
    /// </summary>
    public TimeSpan CpuTime()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || ProcStat(pid) is not { } stat)
            {
                continue;
            }

            // Fields after the command name: state ppid ... utime(14) stime(15) cutime(16) cstime(17), numbered from 1.
            if (pid == _serverProcessId)
            {
                ticks += stat[11] + stat[12] + stat[13] + stat[14];
            }
            else if (stat[1] == _serverProcessId)
            {
                ticks += stat[11] + stat[12];
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }

    private static long[]? ProcStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Take(15).Select(f => long.TryParse(f, out var n) ? n : 0).ToArray();
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(_binDir, "pg_ctl"), $"-D {DataDir} -m immediate stop", User);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static void Run(string file, string arguments, string? asUser)
    {
        var start = asUser is null ? new ProcessStartInfo(file, arguments) : new ProcessStartInfo("runuser", $"-u {asUser} -- {file} {arguments}");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
