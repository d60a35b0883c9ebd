using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using KumaTip.TipSimulator.Data;
using KumaTip.TipSimulator.Faults;

namespace KumaTip.IntegrationTests.TipSimulator;

public sealed class FaultTests
{
    private const string Value = SimulatorFixtures.CleanDomain;

    [Fact]
    public async Task The_next_two_requests_fail_with_503_then_answers_resume()
    {
        await using var host = await SimulatorClient.StartAsync(options => options.Faults = new FaultSettings { ServerErrorNext = 2 });
        using var client = SimulatorClient.Create(host);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.LookupAsync("domain", Value);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
        Assert.Equal(3, host.RequestCount(Value));
        Assert.Equal(0, host.Faults.ServerErrorNext);
    }

    [Fact]
    public async Task Throttling_answers_429_with_retry_after()
    {
        await using var host = await SimulatorClient.StartAsync();
        host.Faults = new FaultSettings { ThrottleNext = 1, RetryAfterSeconds = 7 };
        using var client = SimulatorClient.Create(host);

        using var response = await client.LookupAsync("domain", Value);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_hanging_answer_ends_with_the_client_timeout()
    {
        await using var host = await SimulatorClient.StartAsync(options => options.Faults = new FaultSettings { HangNext = 1 });
        using var client = SimulatorClient.Create(host, host.Certificates.Client, timeout: TimeSpan.FromMilliseconds(700));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => client.LookupAsync("domain", Value));

        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(10));
        Assert.Equal(1, host.RequestCount(Value));
    }

    [Fact]
    public async Task A_connection_reset_surfaces_as_a_request_failure_and_the_next_request_works()
    {
        await using var host = await SimulatorClient.StartAsync(options => options.Faults = new FaultSettings { ResetNext = 1 });
        using var client = SimulatorClient.Create(host);

        var failure = await Record.ExceptionAsync(() => client.LookupAsync("domain", Value));
        using var next = await client.LookupAsync("domain", Value);

        Assert.True(failure is HttpRequestException or IOException, $"got {failure?.GetType().Name ?? "no exception"}");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Latency_delays_every_answer()
    {
        await using var host = await SimulatorClient.StartAsync(options => options.Faults = new FaultSettings { LatencyMs = 300 });
        using var client = SimulatorClient.Create(host);
        using (await client.LookupAsync("domain", Value))
        {
            // The first request also pays for the TLS handshake; time the second.
        }

        var watch = Stopwatch.StartNew();
        using var response = await client.LookupAsync("domain", Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered in {watch.Elapsed.TotalMilliseconds} ms");
        // What the simulator records as its own time for each request: the latency, and no more than the client waited.
        var served = host.ServedIn(Value);
        Assert.Equal(2, served.Count);
        Assert.All(served, time => Assert.InRange(time, TimeSpan.FromMilliseconds(290), TimeSpan.FromSeconds(30)));
        Assert.True(served[^1] <= watch.Elapsed, $"served in {served[^1].TotalMilliseconds} ms, answered in {watch.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_server_error_rate_of_one_fails_every_request_with_the_chosen_status()
    {
        await using var host = await SimulatorClient.StartAsync(options => options.Faults = new FaultSettings { ServerErrorRate = 1, ServerErrorStatus = 500 });
        using var client = SimulatorClient.Create(host);

        for (var i = 0; i < 3; i++)
        {
            using var response = await client.LookupAsync("domain", Value);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
    }

    [Fact]
    public void Impossible_fault_settings_are_refused()
    {
        Assert.Equal("Each rate is between 0 and 1, and together they add up to at most 1.", new FaultSettings { ServerErrorRate = 0.7, ResetRate = 0.5 }.FindProblem());
        Assert.NotNull(new FaultSettings { ServerErrorStatus = 404 }.FindProblem());
        Assert.Null(new FaultSettings { ServerErrorRate = 0.5, ThrottleRate = 0.5, LatencyMs = 10 }.FindProblem());
    }

    [Fact]
    public async Task The_admin_api_sets_faults_reports_counts_and_resets()
    {
        await using var host = await SimulatorClient.StartAsync();
        using var client = SimulatorClient.Create(host);
        using var admin = new HttpClient { BaseAddress = host.AdminUrl };

        using var put = await admin.PutAsJsonAsync("/admin/faults", new { ServerErrorNext = 1, LatencyMs = 5 });
        using var failed = await client.LookupAsync("domain", Value);
        using var succeeded = await client.LookupAsync("domain", Value);
        using var wrongPassword = SimulatorClient.Create(host, host.Certificates.Client, host.UserName, "wrong");
        using var refused = await wrongPassword.LookupAsync("ip", SimulatorFixtures.CleanIp);
        var faults = JsonNode.Parse(await admin.GetStringAsync("/admin/faults"))!;
        var counts = JsonNode.Parse(await admin.GetStringAsync("/admin/counts"))!;
        using var reset = await admin.PostAsync("/admin/reset", null);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.Unauthorized), (failed.StatusCode, succeeded.StatusCode, refused.StatusCode));
        Assert.Equal((0, 5), ((int)faults["ServerErrorNext"]!, (int)faults["LatencyMs"]!));
        Assert.Equal(3, (int)counts["Total"]!);
        Assert.Equal(2, (int)counts["ByObservable"]![Value]!);
        Assert.Equal(1, (int)counts["ByObservable"]![SimulatorFixtures.CleanIp]!);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, host.RequestCount());
        Assert.Empty(host.Counts);
        Assert.Equal(FaultSettings.None, host.Faults);
    }

    [Theory]
    [InlineData("""{"ServerErrorRate": 2.0}""")]
    [InlineData("""{"FailNext": 2}""")]
    [InlineData("""not json""")]
    public async Task The_admin_api_refuses_impossible_or_misspelt_faults(string json)
    {
        await using var host = await SimulatorClient.StartAsync();
        using var admin = new HttpClient { BaseAddress = host.AdminUrl };

        using var response = await admin.PutAsync("/admin/faults", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(FaultSettings.None, host.Faults);
    }

    [Fact]
    public async Task Counts_are_kept_per_observable_value()
    {
        await using var host = await SimulatorClient.StartAsync();
        using var client = SimulatorClient.Create(host);

        using (await client.LookupAsync("domain", Value))
        using (await client.LookupAsync("domain", Value))
        using (await client.LookupAsync("url", SimulatorFixtures.PhishingUrl))
        using (await client.LookupAsync("hash", "not-a-hash"))
        {
        }

        Assert.Equal(4, host.RequestCount());
        Assert.Equal(2, host.RequestCount(Value));
        Assert.Equal(1, host.RequestCount(SimulatorFixtures.PhishingUrl));
        Assert.Equal(new Dictionary<string, int> { [Value] = 2, [SimulatorFixtures.PhishingUrl] = 1, ["not-a-hash"] = 1 }, host.Counts);
    }
}
