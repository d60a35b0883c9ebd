using Serilog;

namespace KumaTip.Web.Hosting;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog from configuration (the <c>Serilog</c> section) plus any <see cref="Serilog.Core.ILogEventSink"/>
    /// registered in DI, which is how the tests capture every log line to scan it for secrets.
    /// </summary>
    public static void AddKumaTipLogging(this WebApplicationBuilder builder)
    {
        // Default levels in code rather than appsettings.json, so a start from another folder (no appsettings.json
        // there) does not log every SQL command; the Serilog section of the configuration still overrides them.
        // preserveStaticLogger: the app's loggers write through this app's own Serilog logger. Without it they write
        // through the static Log.Logger, which belongs to the host built last in the process and which a stopping
        // host replaces with a no-op (Log.CloseAndFlush): in a process that runs several hosts (the tests do) one
        // host's lines went to another's logger or were dropped.
        builder.Services.AddSerilog(
            (services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http", Serilog.Events.LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"),
            preserveStaticLogger: true);
    }
}
