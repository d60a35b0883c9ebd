using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace KumaTip.IntegrationTests.Telemetry;

/// <summary>The Telemetry section: a scrape endpoint never opens without a token; OTLP export turns tracing on.</summary>
public abstract class TelemetrySettingsTests<TDb>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task A_scrape_endpoint_without_a_token_or_with_a_short_one_stops_the_start()
    {
        var missing = await StartFailureAsync(Setting("Telemetry:Prometheus:Enabled", "true"));
        var shortToken = await StartFailureAsync(Setting("Telemetry:Prometheus:Enabled", "true"), Setting("Telemetry:Prometheus:BearerToken", "short-token"));

        Assert.Contains("Telemetry:Prometheus:BearerToken is missing or shorter than 32 characters", missing, StringComparison.Ordinal);
        Assert.Contains("Telemetry:Prometheus:BearerToken is missing or shorter than 32 characters", shortToken, StringComparison.Ordinal);
        Assert.DoesNotContain("short-token", shortToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_exporter_no_OpenTelemetry_SDK_runs()
    {
        await using var app = new ConfiguredApp([]);
        await app.InitializeAsync();

        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task An_OTLP_endpoint_turns_on_the_export_of_metrics_and_traces()
    {
        // Nothing listens there: the exporter's failures are its own and do not reach the application.
        await using var app = new ConfiguredApp([Setting("Telemetry:Otlp:Endpoint", "http://127.0.0.1:9/")]);
        await app.InitializeAsync();

        Assert.NotNull(app.Services.GetService<MeterProvider>());
        Assert.NotNull(app.Services.GetService<TracerProvider>());
        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    private static KeyValuePair<string, string?> Setting(string key, string value) => new(key, value);

    private static async Task<string> StartFailureAsync(params KeyValuePair<string, string?>[] settings)
    {
        await using var app = new ConfiguredApp(settings);
        var failure = await Record.ExceptionAsync(app.InitializeAsync);
        Assert.NotNull(failure);
        return failure.ToString();
    }

    private sealed class ConfiguredApp(KeyValuePair<string, string?>[] settings) : KumaTipApp<TDb>
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() => settings;
    }
}

public sealed class TelemetrySettingsTestsOnSqlite : TelemetrySettingsTests<OnSqlite>;

public sealed class TelemetrySettingsTestsOnPostgres : TelemetrySettingsTests<OnPostgres>;
