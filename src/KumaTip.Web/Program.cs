using KumaTip.Web.Demo;
using KumaTip.Web.Hosting;
using KumaTip.Web.TaskUpdates;
using Microsoft.Extensions.Options;

// Commands (migrate, ...) run instead of the web server when named on the command line.
if (await Commands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var demo = DemoMode.TakeFlag(ref args);
var builder = WebApplication.CreateBuilder(args);
DemoMode.Configure(builder, demo);

builder.AddKumaTipLogging();
builder.AddKumaTipTelemetry();
builder.Services.AddKumaTipApplication(builder.Configuration);
builder.Services.AddKumaTipIdentity();
builder.Services.AddKumaTipTransport();
builder.Services.AddKumaTipLocalization();
builder.Services.AddKumaTipPages();
builder.Services.AddKumaTipApi();
builder.Services.AddKumaTipTaskUpdates();
builder.Services.AddKumaTipHealthChecks();

var app = builder.Build();

try
{
    await app.PrepareDatabaseAsync();
}
catch (Exception refused) when (refused is StartupRefusedException or OptionsValidationException)
{
    // The administrator's to fix, and the message says how: one line in the log, not an unhandled exception's trace.
    app.Logger.LogCritical("KumaTip cannot start: {Reason}", refused.Message);
    return 1;
}

if (demo)
{
    await DemoMode.StartAsync(app);
}

app.UseKumaTipPipeline();
app.MapKumaTipPages();
app.MapKumaTipApi();
app.MapKumaTipTaskUpdates();
app.MapKumaTipHealthChecks();
app.MapKumaTipMetrics();

await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
