using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using KumaTip.Application.Secrets;
using KumaTip.IntegrationTests.Events;
using KumaTip.IntegrationTests.ThreatLookup.Governance;
using KumaTip.TipSimulator.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Telemetry;

public abstract class TelemetryTests<TDb>(TelemetryApp<TDb> app) : IClassFixture<TelemetryApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Metric_values_after_a_lookup_and_an_ingestion()
    {
        await app.ConfigureAsync();
        using var recorder = new MeasurementRecorder(app.Services.GetRequiredService<IMeterFactory>());
        var api = await app.AdminApiClientAsync();
        var value = SimulatorFixtures.PhishingDomain;

        var looked = await WaitForTaskAsync(api, await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId }));
        var again = await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId });
        var details = await api.GetAsync($"/api/v1/observables/domain/{value}");
        var ingestion = app.IngestionClient(await app.CreateIngestionTokenAsync(app.MainTenantId));
        var batch = await ingestion.PostAsync("/api/v1/events", new StringContent(
            """[{"Timestamp": "2026-11-20T10:00:00Z", "Name": "one"}, {"Name": "no time"}, {"Timestamp": "2026-11-20T10:00:01Z", "Name": "two"}]""",
            Encoding.UTF8,
            "application/json"));

        Assert.Equal("Completed", looked.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        Assert.Equal(1, recorder.Total("kumatip_cache_misses_total", "operation", "lookup"));
        Assert.Equal(1, recorder.Total("kumatip_cache_hits_total", "operation", "lookup"));
        Assert.Equal(1, recorder.Total("kumatip_cache_hits_total", "operation", "details"));
        Assert.Equal(0, recorder.Total("kumatip_cache_misses_total", "operation", "details"));
        Assert.Equal(1, recorder.Total("kumatip_tip_lookups_total", "outcome", "data"));
        Assert.Equal(1, recorder.Total("kumatip_tip_lookups_total"));
        var duration = Assert.Single(recorder.Of("kumatip_tip_request_duration_seconds", "status", "200"));
        Assert.InRange(duration, 0.0001, 10);
        Assert.Equal(2, recorder.Total("kumatip_events_ingested_total"));
        Assert.Equal(1, recorder.Total("kumatip_events_rejected_total"));

        var quota = await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota");
        var notAfter = await app.AsAdministratorAsync(sp =>
            sp.GetRequiredService<AppDbContext>().Set<Secret>().Where(s => s.Id == app.SecretId).Select(s => s.CertificateNotAfter).SingleAsync());
        var gauges = recorder.Observe();
        var left = Assert.Single(gauges, g => g.Instrument == "kumatip_licence_requests_left");
        Assert.Equal(quota.GetProperty("remaining").GetInt32(), left.Value);
        Assert.Empty(left.Tags); // the licence as a whole: shares of tenants will add series tagged "tenant"
        Assert.Equal(100, Gauge(gauges, "kumatip_licence_requests_limit"));
        Assert.Equal(0, Gauge(gauges, "kumatip_tasks_queued"));
        Assert.Equal(0, Gauge(gauges, "kumatip_tasks_oldest_queued_age_seconds"));
        Assert.Equal(0, Gauge(gauges, "kumatip_tip_breaker_open"));
        Assert.Equal((notAfter - DateTimeOffset.UtcNow).TotalDays, Gauge(gauges, "kumatip_tip_client_certificate_days_left"), 0.01);
        var lastData = Assert.Single(gauges, g => g.Instrument == "kumatip_tip_last_outcome_timestamp_seconds" && Equals(g.Tags["outcome"], "data"));
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0 - lastData.Value, 0, 60);
    }

    [Fact]
    public async Task Once_the_licence_is_shared_each_tenant_has_its_own_requests_left_series()
    {
        await app.ConfigureAsync();
        using var recorder = new MeasurementRecorder(app.Services.GetRequiredService<IMeterFactory>());
        var name = $"Shared {Guid.NewGuid():N}";
        var shared = await app.CreateTenantAsync(name);
        var admin = await app.AdminApiClientAsync();
        var main = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/tenants")).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == app.MainTenantId).GetProperty("name").GetString();
        var quota = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/threat-lookup/quota");
        try
        {
            await admin.AllocateAsync(null, (shared, 7));

            var gauges = recorder.Observe();
            var left = gauges.Where(g => g.Instrument == "kumatip_licence_requests_left").ToList();
            var limits = gauges.Where(g => g.Instrument == "kumatip_licence_requests_limit").ToList();
            Assert.Equal(quota.GetProperty("remaining").GetInt32(), Assert.Single(left, g => g.Tags.Count == 0).Value);
            Assert.Equal(7, Assert.Single(left, g => Equals(g.Tags.GetValueOrDefault("tenant"), name)).Value);
            Assert.Equal(7, Assert.Single(limits, g => Equals(g.Tags.GetValueOrDefault("tenant"), name)).Value);
            // A tenant without a share draws on the pool: what the shares leave of the licence.
            Assert.Equal(93, Assert.Single(limits, g => Equals(g.Tags.GetValueOrDefault("tenant"), main)).Value);
        }
        finally
        {
            await admin.AllocateAsync(null);
        }

        Assert.Single(recorder.Observe(), g => g.Instrument == "kumatip_licence_requests_left");
    }

    [Fact]
    public async Task Gauges_show_a_queued_task_and_how_long_it_has_waited()
    {
        await app.ConfigureAsync();
        using var recorder = new MeasurementRecorder(app.Services.GetRequiredService<IMeterFactory>());
        // Queued far in the future, so no worker claims it while the gauges are read.
        var id = await app.AsAdministratorAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var task = new Application.Tasks.TaskItem
            {
                Id = Guid.CreateVersion7(),
                Kind = "Telemetry test",
                TenantId = app.MainTenantId,
                Title = "waiting",
                Parameters = "{}",
                CreatedByName = "test",
                CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-7),
                UpdatedAt = DateTimeOffset.UtcNow,
                AvailableAt = DateTimeOffset.UtcNow.AddDays(1),
                MaxAttempts = 1,
            };
            db.Tasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });
        try
        {
            var gauges = recorder.Observe();

            Assert.Equal(1, Gauge(gauges, "kumatip_tasks_queued"));
            Assert.InRange(Gauge(gauges, "kumatip_tasks_oldest_queued_age_seconds"), 7 * 60, 8 * 60);
        }
        finally
        {
            await app.AsAdministratorAsync(sp => sp.GetRequiredService<AppDbContext>().Tasks.Where(t => t.Id == id).ExecuteDeleteAsync());
        }
    }

    [Fact]
    public async Task The_trace_of_a_lookup_links_the_HTTP_request_the_task_and_the_TIP_request()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        var value = $"traced-{Guid.NewGuid():N}.example.com";

        var accepted = await api.PostAsJsonAsync("/api/v1/lookups", new { value, tenantId = app.MainTenantId });
        Assert.Equal("Completed", (await WaitForTaskAsync(api, accepted)).GetProperty("state").GetString());

        var request = app.Spans.Snapshot().Single(s =>
            s.Kind == ActivityKind.Server && s.Source.Name == "Microsoft.AspNetCore" && s.GetTagItem("url.path") as string == "/api/v1/lookups"
            && s.TraceId == TraceOfLookup(value));
        var trace = await app.TraceAsync(request.TraceId, t => t.Any(s => s.DisplayName == "Run task") && t.Any(s => s.Source.Name == "System.Net.Http"));
        var task = Assert.Single(trace, s => s.DisplayName == "Run task");
        var lookup = Assert.Single(trace, s => s.DisplayName == "TIP lookup");
        var tipRequest = Assert.Single(trace, s => s.Source.Name == "System.Net.Http");

        Assert.Equal(request.SpanId, task.ParentSpanId);
        Assert.Equal(task.SpanId, lookup.ParentSpanId);
        Assert.Equal(lookup.SpanId, tipRequest.ParentSpanId);
        Assert.Equal(ActivityKind.Client, tipRequest.Kind);
        Assert.Equal(app.Simulator.BaseUrl.Host, tipRequest.GetTagItem("server.address"));
        Assert.Equal("ThreatLookup", task.GetTagItem("kumatip.task.kind"));
        Assert.Equal(value, lookup.GetTagItem("kumatip.observable.value"));
    }

    [Fact]
    public async Task The_scrape_endpoint_answers_with_its_token_and_refuses_without_it()
    {
        var prometheus = app.CreateClient();

        var anonymous = await prometheus.GetAsync("/metrics");
        prometheus.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-" + new string('x', 40));
        var wrong = await prometheus.GetAsync("/metrics");
        var personal = await (await app.AdminApiClientAsync()).GetAsync("/metrics");
        prometheus.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TelemetryApp<TDb>.ScrapeToken);
        var scrape = await prometheus.GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, personal.StatusCode); // an administrator's API token is not the scrape token
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("# TYPE kumatip_licence_requests_left gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE kumatip_tasks_oldest_queued_age_seconds gauge", text, StringComparison.Ordinal);
        Assert.Contains("kumatip_tip_client_certificate_days_left", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_total_total", text, StringComparison.Ordinal);
        Assert.DoesNotContain("_seconds_seconds", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_block_shows_TIPs_state_to_administrators_without_a_request_to_TIP()
    {
        await app.ConfigureAsync();
        var api = await app.AdminApiClientAsync();
        await WaitForTaskAsync(api, await api.PostAsJsonAsync("/api/v1/lookups", new { value = SimulatorFixtures.PhishingUrl, tenantId = app.MainTenantId }));
        var admin = await app.SignInAsAdminAsync();
        var requestsBefore = app.Simulator.RequestCount();

        var english = await admin.GetStringAsync("/Settings/ThreatLookup");
        admin.DefaultRequestHeaders.AcceptLanguage.Clear();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        var russian = await admin.GetStringAsync("/Settings/ThreatLookup");
        var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Contains("data-testid=\"tip-status\"", english, StringComparison.Ordinal);
        // The date in the reader's culture: 12/4/2027 in English, 04.12.2027 in Russian.
        Assert.Matches(@"valid until \d{1,2}/\d{1,2}/\d{4} \(\d+ days left\)", english);
        Assert.Contains("data received (200), ", english, StringComparison.Ordinal);
        Assert.Contains("closed: requests go to TIP", english, StringComparison.Ordinal);
        Assert.Contains("Состояние", russian, StringComparison.Ordinal);
        Assert.Matches(@"действителен до \d{2}\.\d{2}\.\d{4} \(осталось дней: \d+\)", russian);
        Assert.Contains("данные получены (200), ", russian, StringComparison.Ordinal);
        Assert.Contains("замкнут: запросы уходят в TIP", russian, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(requestsBefore, app.Simulator.RequestCount());
    }

    [Fact]
    public async Task Only_administrators_see_TIPs_status_and_a_Tenant_administrator_not_the_certificate_of_a_tenant_he_does_not_see()
    {
        await app.ConfigureAsync();
        var analyst = await app.CreateUserAsync(Roles.Analyst, app.MainTenantId);
        var tenantAdmin = await app.CreateUserAsync(Roles.TenantAdministrator, await app.CreateTenantAsync());

        var refused = await (await app.SignInAsync(analyst.UserName, analyst.Password)).GetAsync("/Settings/ThreatLookup");
        var otherTenants = await (await app.SignInAsync(tenantAdmin.UserName, tenantAdmin.Password)).GetStringAsync("/Settings/ThreatLookup");

        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tip-status\"", otherTenants, StringComparison.Ordinal);
        Assert.Contains("(a secret of a tenant you do not see)", otherTenants, StringComparison.Ordinal);
        Assert.DoesNotContain("days left", otherTenants, StringComparison.Ordinal);
    }

    private ActivityTraceId TraceOfLookup(string value) =>
        app.Spans.Snapshot().Single(s => s.DisplayName == "TIP lookup" && s.GetTagItem("kumatip.observable.value") as string == value).TraceId;

    private static double Gauge(IEnumerable<(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)> gauges, string name) =>
        Assert.Single(gauges, g => g.Instrument == name).Value;

    private static async Task<JsonElement> WaitForTaskAsync(HttpClient api, HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();
        for (var i = 0; i < 3; i++)
        {
            var task = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}?waitSeconds=30");
            if (task.GetProperty("state").GetString() is "Completed" or "Failed" or "Cancelled")
            {
                return task;
            }
        }

        throw new TimeoutException($"Task {id} did not finish.");
    }
}

public sealed class TelemetryTestsOnSqlite(TelemetryApp<OnSqlite> app) : TelemetryTests<OnSqlite>(app);

public sealed class TelemetryTestsOnPostgres(TelemetryApp<OnPostgres> app) : TelemetryTests<OnPostgres>(app);
