using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of a test run's or a benchmark's own, never the machine's default one: initdb into a folder
/// <c>kumatip-pg-*</c> under the temporary folder, started on a free loopback port with durability off, stopped and
/// removed by <see cref="Dispose"/>. The benchmark compiles this file too.
/// </summary>
/// <remarks>
/// A cluster must not outlive the process that started it, even a killed one (the test host is killed once the tests
/// have run): a watcher process stops it once that process is gone; each new cluster first stops those whose owner
/// (named in their folder's <c>owner</c> file) is gone; and scripts/test.sh does the same when dotnet test returns.
/// The server and the watcher keep none of this process's open files: a leaked server held the lock
/// (<c>flock</c>) the tests were run under, and with it every other run waiting for that lock.
/// </remarks>
public sealed class ThrowawayPostgres : IDisposable
{
    private const string FolderPrefix = "kumatip-pg-";

    /// <summary>Leaves the shell only stdin, stdout and stderr of what it inherited.</summary>
    private const string CloseInheritedFiles =
        "for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ \"$fd\" -gt 2 ] && eval \"exec $fd>&-\"; done 2>/dev/null\n";

    /// <summary>
    /// Stops the cluster in $ROOT at once (SIGQUIT is PostgreSQL's immediate shutdown: there is nothing to keep) and
    /// removes its folder. The postmaster is signalled only if it is still the process its pid file names.
    /// </summary>
    private const string StopScript = """
        pid=$(head -n 1 "$ROOT/data/postmaster.pid" 2>/dev/null)
        if [ -n "$pid" ] && grep -qs "$ROOT/data" "/proc/$pid/cmdline"; then
          kill -QUIT "$pid"
          for _ in $(seq 300); do grep -qs "$ROOT/data" "/proc/$pid/cmdline" || break; sleep 0.1; done
        fi
        rm -rf "$ROOT"
        """;

    private readonly string _root;
    private readonly Process _watcher;

    /// <param name="settings">Server settings beyond durability, e.g. <c>-c max_connections=100</c>.</param>
    /// <param name="poolSize">The most connections a connection string given out here opens.</param>
    public ThrowawayPostgres(string settings, int poolSize)
    {
        var binDir = FindBinDirectory();
        StopOrphans();
        _root = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "owner"), $"{Environment.ProcessId} {StartTimeOf(Environment.ProcessId)}");
        _watcher = Start(
            // Ignores the terminal's signals (Ctrl+C reaches the whole process group); Dispose ends it with SIGKILL.
            "trap '' HUP INT TERM; exec </dev/null >/dev/null 2>&1\n"
            + $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done\n" + StopScript,
            redirect: false,
            _root);
        try
        {
            // initdb and pg_ctl refuse to run as root: the cluster then belongs to the postgres user.
            var asPostgres = Environment.UserName == "root" ? "runuser -u postgres -- " : "";
            if (asPostgres.Length > 0)
            {
                Run($"chown postgres {_root}");
            }

            var dataDir = Path.Combine(_root, "data");
            Run($"{asPostgres}{binDir}/initdb -D {dataDir} -U postgres --auth=trust -E UTF8 --no-sync");
            var port = FreePort();
            Run($"{asPostgres}{binDir}/pg_ctl -D {dataDir} -l {_root}/server.log -w -t 60 -o \"-p {port} -k {_root} "
                + $"-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off {settings}\" start");
            ServerProcessId = int.Parse(File.ReadLines(Path.Combine(dataDir, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size={poolSize};Include Error Detail=true";
            Version = Path.GetFileName(Path.GetDirectoryName(binDir))!;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string AdminConnectionString { get; }

    /// <summary>The major version, e.g. 15.</summary>
    public string Version { get; }

    /// <summary>The postmaster's process id.</summary>
    public int ServerProcessId { get; }

    public Task<string> CreateDatabaseAsync(string name) => CreateDatabaseAsync(AdminConnectionString, name);

    /// <summary>Creates a database on the server <paramref name="adminConnectionString"/> reaches; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string adminConnectionString, string name)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public void Dispose()
    {
        _watcher.Kill();
        _watcher.Dispose();
        Stop(_root);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the clusters whose owner is gone (killed before it could stop them, and its watcher too).</summary>
    private static void StopOrphans()
    {
        foreach (var root in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            // No owner file: being created right now, or by an older version of this class. Not ours to judge.
            var owner = File.Exists(Path.Combine(root, "owner")) ? File.ReadAllText(Path.Combine(root, "owner")).Split(' ') : null;
            if (owner is [var pid, var started] && StartTimeOf(int.Parse(pid, CultureInfo.InvariantCulture)) != started.Trim())
            {
                Stop(root);
            }
        }
    }

    private static void Stop(string root) => Run(StopScript, root);

    /// <summary>When the process started (field 22 of /proc/PID/stat), so a reused process id is not taken for the owner.</summary>
    private static string? StartTimeOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string FindBinDirectory() =>
        (Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null)
        ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run the tests with scripts/test.sh, which "
            + "installs it, or `apt-get install -y postgresql`, or set KUMATIP_TEST_POSTGRES to a connection string.");

    private static void Run(string script, string? root = null)
    {
        using var process = Start(script, redirect: true, root);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }

    private static Process Start(string script, bool redirect, string? root = null)
    {
        var start = new ProcessStartInfo("bash", ["-c", CloseInheritedFiles + script])
        {
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
        };
        start.Environment["ROOT"] = root;
        return Process.Start(start)!;
    }
}
