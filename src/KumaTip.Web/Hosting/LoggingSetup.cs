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
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
    }
}
