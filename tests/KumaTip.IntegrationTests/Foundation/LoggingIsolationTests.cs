using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>
/// Each host logs through its own Serilog logger. Several hosts share a process in the tests, and an administrator may
/// embed the app the same way: another host starting or stopping must not take this one's log lines away.
/// </summary>
public sealed class LoggingIsolationTests
{
    [Fact]
    public async Task A_host_keeps_logging_after_another_host_in_the_process_has_stopped()
    {
        IAsyncLifetime kept = new KumaTipApp<OnSqlite>();
        await kept.InitializeAsync();
        try
        {
            IAsyncLifetime stopped = new KumaTipApp<OnSqlite>();
            await stopped.InitializeAsync();
            await stopped.DisposeAsync();

            // A logger made after the other host stopped: through the static logger it was the no-op that
            // Log.CloseAndFlush leaves behind.
            var marker = "still-logging-" + Guid.NewGuid().ToString("N");
            ((KumaTipApp<OnSqlite>)kept).Services.GetRequiredService<ILoggerFactory>().CreateLogger("KumaTip.Probe")
                .LogWarning("Probe {Marker}", marker);

            Assert.Contains(CapturedLogs.All, line => line.Contains(marker, StringComparison.Ordinal));
        }
        finally
        {
            await kept.DisposeAsync();
        }
    }
}
