using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run: initdb into a temporary folder, started on a free
/// loopback port, removed when the run ends. Not the machine's default cluster. When KUMATIP_TEST_POSTGRES holds
/// a connection string, that server is used instead. A missing PostgreSQL fails the tests; it never falls back to SQLite.
/// </summary>
public static class PostgresServer
{
    private static readonly Lazy<string> AdminConnection = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _dataRoot;
    private static string? _binDir;

    public static string AdminConnectionString => AdminConnection.Value;

    public static async Task<string> CreateDatabaseAsync()
    {
        var name = "kumatip_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    private static string Start()
    {
        if (Environment.GetEnvironmentVariable("KUMATIP_TEST_POSTGRES") is { Length: > 0 } external)
        {
            return external;
        }

        _binDir = FindBinDirectory();
        _dataRoot = Path.Combine(Path.GetTempPath(), "kumatip-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dataRoot);
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb and pg_ctl refuse to run as root: the cluster belongs to the postgres user.
            Run("chown", $"postgres {_dataRoot}", asUser: null);
        }

        var dataDir = Path.Combine(_dataRoot, "data");
        Run(Path.Combine(_binDir, "initdb"), $"-D {dataDir} -U postgres --auth=trust -E UTF8 --no-sync", asRoot ? "postgres" : null);
        var port = FreePort();
        var options = $"-p {port} -k {_dataRoot} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
                      + "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB";
        Run(Path.Combine(_binDir, "pg_ctl"), $"-D {dataDir} -l {_dataRoot}/server.log -w -t 60 -o \"{options}\" start", asRoot ? "postgres" : null);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(dataDir, asRoot);
        return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50;Include Error Detail=true";
    }

    private static void Stop(string dataDir, bool asRoot)
    {
        try
        {
            Run(Path.Combine(_binDir!, "pg_ctl"), $"-D {dataDir} -m immediate stop", asRoot ? "postgres" : null);
        }
        finally
        {
            Directory.Delete(_dataRoot!, recursive: true);
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).ToList()
            : [];
        return candidates.FirstOrDefault()
               ?? throw new InvalidOperationException(
                   "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run the tests with scripts/test.sh, "
                   + "which installs it, or `apt-get install -y postgresql`, or set KUMATIP_TEST_POSTGRES to a connection string.");
    }

    private static void Run(string file, string arguments, string? asUser)
    {
        var start = asUser is null
            ? new ProcessStartInfo(file, arguments)
            : new ProcessStartInfo("runuser", $"-u {asUser} -- {file} {arguments}");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
