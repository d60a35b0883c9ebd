using System.Net;
using System.Text;
using KumaTip.Application.Events;
using KumaTip.Application.Identity;
using KumaTip.IntegrationTests.Foundation;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Events;

public abstract class EventIngestionTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    /// <summary>A day well within the default retention (90 days), whenever the tests run.</summary>
    private static readonly DateTimeOffset Day = new(DateTime.UtcNow.Date.AddDays(-13), TimeSpan.Zero);

    private static readonly string DayText = Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly DateTimeOffset At = Day.Add(new TimeSpan(0, 10, 15, 30, 123));

    /// <summary>KUMA's form of a time: milliseconds since 1970.</summary>
    private static readonly long AtMilliseconds = Day.AddHours(9).ToUnixTimeMilliseconds();

    [Fact]
    public async Task A_valid_batch_is_stored_whole_with_every_field_and_the_other_fields_as_json()
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenant));
        object[] batch =
        [
            new
            {
                Timestamp = AtMilliseconds, Name = "Blocked connection", DeviceVendor = "Check Point", DeviceProduct = "Firewall",
                DeviceEventCategory = "Firewall", Severity = "High", SourceAddress = "10.1.2.3", SourcePort = 51515,
                SourceHostName = "ws-17.corp.example.org", SourceUserName = "CORP\\ivanov", DestinationAddress = "203.0.113.7",
                DestinationPort = "443", DestinationHostName = "cdn.example.net", RequestUrl = "https://cdn.example.net/a.js",
                FileHash = "44D88612FEA8A8F36DE82E1278ABB02F", FileName = "a.js", FilePath = "C:\\Temp\\a.js", Message = "blocked",
                DeviceAction = "drop", Labels = new[] { "x", "y" },
            },
            EventTesting.Sample(At, "second"),
        ];

        var response = await client.PostAsJsonAsync("/api/v1/events", batch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<ReportDto>();
        Assert.Equal(2, report!.Accepted);
        Assert.Empty(report.Rejected);
        var stored = await app.StoredEventsAsync(tenant);
        Assert.Equal(2, stored.Count);
        var first = stored.Single(e => e.Name == "Blocked connection");
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(AtMilliseconds), first.Timestamp);
        Assert.Equal(("Check Point", "Firewall", "Firewall", "High"), (first.DeviceVendor, first.DeviceProduct, first.DeviceEventCategory, first.Severity));
        Assert.Equal(("10.1.2.3", 51515, "ws-17.corp.example.org", "CORP\\ivanov"), (first.SourceAddress, first.SourcePort, first.SourceHostName, first.SourceUserName));
        Assert.Equal(("203.0.113.7", 443, "cdn.example.net"), (first.DestinationAddress, first.DestinationPort, first.DestinationHostName));
        Assert.Equal(("https://cdn.example.net/a.js", "44D88612FEA8A8F36DE82E1278ABB02F", "a.js", "C:\\Temp\\a.js", "blocked"),
            (first.RequestUrl, first.FileHash, first.FileName, first.FilePath, first.Message));
        Assert.Equal("{\"deviceAction\":\"drop\",\"labels\":[\"x\",\"y\"]}", first.Extra); // names kept as sent
        Assert.Equal(At, stored.Single(e => e.Name == "second").Timestamp);
        Assert.All(stored, e => Assert.NotEqual(default, e.ReceivedAt));
    }

    [Fact]
    public async Task A_mixed_batch_stores_the_valid_events_and_reports_each_invalid_one_by_index_with_its_reasons()
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenant));
        var batch = $$$"""
            [
              {"Timestamp": "{{{DayText}}}T10:00:00Z", "Name": "ok 0"},
              {"Name": "no time"},
              {"Timestamp": "yesterday", "SourcePort": 70000, "SourceAddress": "not-an-ip", "Name": {"nested": 1}},
              {"timestamp": "{{{DayText}}}T10:00:01+03:00", "name": "ok 3 (lower-case names)"},
              42,
              {"Timestamp": null},
              {"Timestamp": {{{AtMilliseconds}}}, "Name": "ok 6"}
            ]
            """;

        var response = await client.PostAsync("/api/v1/events", new StringContent(batch, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<ReportDto>())!;
        Assert.Equal(3, report.Accepted);
        Assert.Equal([1, 2, 4, 5], report.Rejected.Select(r => r.Index));
        Assert.Equal(["Timestamp is required."], report.Rejected[0].Errors);
        var many = report.Rejected[1].Errors;
        Assert.Equal(4, many.Count);
        Assert.Contains(many, e => e.StartsWith("Timestamp must be", StringComparison.Ordinal));
        Assert.Contains("SourcePort must be an integer from 0 to 65535.", many);
        Assert.Contains("SourceAddress 'not-an-ip' is not an IP address.", many);
        Assert.Contains("Name must be a string, not an object.", many);
        Assert.Equal(["An event must be a JSON object, not a number."], report.Rejected[2].Errors);
        Assert.Equal(["Timestamp is required."], report.Rejected[3].Errors);

        var stored = await app.StoredEventsAsync(tenant);
        Assert.Equal(["ok 0", "ok 3 (lower-case names)", "ok 6"], stored.Select(e => e.Name).Order());
        Assert.Equal(Day.AddHours(7).AddSeconds(1), stored.Single(e => e.Name!.StartsWith("ok 3", StringComparison.Ordinal)).Timestamp);
    }

    [Fact]
    public async Task A_body_that_is_not_an_array_is_refused_with_a_stable_code()
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenant));

        var notArray = await client.PostAsJsonAsync("/api/v1/events", new { Timestamp = At });
        var notJson = await client.PostAsync("/api/v1/events", new StringContent("[{", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, notArray.StatusCode);
        Assert.Equal("events_array_expected", (await notArray.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("malformed_json", (await notJson.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Empty(await app.StoredEventsAsync(tenant));
    }

    [Fact]
    public async Task An_event_no_database_can_hold_is_refused_by_index_and_the_rest_of_its_batch_is_stored()
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenant));
        var now = DateTimeOffset.UtcNow;
        byte[] batch =
        [
            .. Encoding.UTF8.GetBytes($$"""
                [
                  {"Timestamp": "{{DayText}}T10:00:00Z", "Name": "ok 0"},
                  {"Timestamp": "{{DayText}}T10:00:00Z", "Name": "lone \ud800 surrogate"},
                  {"Timestamp": "{{DayText}}T10:00:00Z", "Message": "a NUL \u0000 here"},
                  {"Timestamp": "{{DayText}}T10:00:00Z", "DeviceAction": "a NUL \u0000 in another field"},
                  {"Timestamp": "{{DayText}}T10:00:00Z", "Name": "{{new string('x', EventFieldLimits.Text + 1)}}"},
                  {"Timestamp": "{{now.AddMinutes(10):O}}", "Name": "ten minutes ahead"},
                  {"Timestamp": "{{DayText}}T10:00:00Z", "SourcePort": "eighty", "Severity": ["High"]},
                  {"Timestamp": "{{now.AddMinutes(4):O}}", "Name": "ok 7 \ud83d\ude00 \u00e9", "Note": "\u0441\u0435\u0442\u044c"},
                  {"Timestamp": "{{DayText}}T10:00:00Z", "Message": "not UTF-8:
                """),
            0xC0, 0xAF,
            .. "\"}\n]"u8,
        ];

        var response = await client.PostAsync("/api/v1/events", new ByteArrayContent(batch) { Headers = { ContentType = new("application/json") } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = (await response.Content.ReadFromJsonAsync<ReportDto>())!;
        Assert.Equal(2, report.Accepted);
        Assert.Equal([1, 2, 3, 4, 5, 6, 8], report.Rejected.Select(r => r.Index));
        var errors = report.Rejected.ToDictionary(r => r.Index, r => r.Errors);
        Assert.Equal(["Name holds an unpaired surrogate (\\uD800), which is not text."], errors[1]);
        Assert.Equal(["Message holds a NUL character (\\u0000), which an event cannot store."], errors[2]);
        Assert.Equal(["DeviceAction holds a NUL character (\\u0000), which an event cannot store."], errors[3]);
        Assert.Equal([$"Name is {EventFieldLimits.Text + 1} characters long; at most {EventFieldLimits.Text} are allowed."], errors[4]);
        Assert.StartsWith("Timestamp ", Assert.Single(errors[5]), StringComparison.Ordinal);
        Assert.Contains("is in the future", errors[5][0], StringComparison.Ordinal);
        Assert.Equal(["SourcePort must be an integer from 0 to 65535.", "Severity must be a string, not an array."], errors[6]);
        Assert.Equal(["Message holds bytes that are not UTF-8 (from byte 11 of its JSON)."], errors[8]);
        var stored = await app.StoredEventsAsync(tenant);
        Assert.Equal(["ok 0", "ok 7 \U0001F600 \u00e9"], stored.Select(e => e.Name));
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData(null)]
    public async Task A_body_that_is_not_declared_as_UTF8_JSON_is_refused_with_415_and_nothing_is_stored(string? contentType)
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenant));
        var trace = CapturedLogs.Trace(client);
        var content = new ByteArrayContent(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new[] { EventTesting.Sample(At, "x") }));
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await client.PostAsync("/api/v1/events", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("unsupported_media_type", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Empty(await app.StoredEventsAsync(tenant));
        Assert.Contains(" responded 415 ", (await CapturedLogs.RequestLineAsync(trace)).Text, StringComparison.Ordinal);
        CapturedLogs.AssertNoErrorIn(trace);
    }

    [Fact]
    public async Task JSON_with_a_UTF8_charset_is_accepted()
    {
        var tenant = await app.CreateTenantAsync();
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenant));

        foreach (var contentType in new[] { "application/json; charset=utf-8", "application/json; charset=\"UTF-8\"" })
        {
            var content = new StringContent("[]");
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/events", content)).StatusCode);
        }
    }

    [Fact]
    public async Task The_allowed_clock_skew_is_a_setting_checked_at_start_up()
    {
        var tenant = await app.CreateTenantAsync();
        var token = await app.CreateIngestionTokenAsync(tenant);
        using var lenient = app.WithWebHostBuilder(b => b.UseSetting("Events:Ingestion:MaxClockSkew", "02:00:00"));
        var client = lenient.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var negative = app.WithWebHostBuilder(b => b.UseSetting("Events:Ingestion:MaxClockSkew", "-00:01:00"));

        var response = await client.PostAsJsonAsync("/api/v1/events", new[] { EventTesting.Sample(DateTimeOffset.UtcNow.AddHours(1), "an hour ahead") });

        Assert.Empty((await response.Content.ReadFromJsonAsync<ReportDto>())!.Rejected);
        var refused = Assert.ThrowsAny<Exception>(() => negative.CreateClient());
        Assert.Contains("MaxClockSkew", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_events_or_too_many_bytes_answer_413_naming_the_limit_and_store_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var token = await app.CreateIngestionTokenAsync(tenant);
        using var limited = app.WithWebHostBuilder(b => b
            .UseSetting("Events:Ingestion:MaxEventsPerBatch", "3")
            .UseSetting("Events:Ingestion:MaxBodyBytes", "2048"));
        var client = limited.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var tooMany = await client.PostAsJsonAsync("/api/v1/events", Enumerable.Range(0, 4).Select(i => EventTesting.Sample(At, $"e{i}")).ToArray());
        var tooBig = await client.PostAsJsonAsync("/api/v1/events", new[] { EventTesting.Sample(At, new string('x', 3000)) });
        var chunkedBody = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("[" + new string(' ', 3000) + "]")));
        chunkedBody.Headers.ContentType = new("application/json");
        var chunked = await client.PostAsync("/api/v1/events", chunkedBody);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany.StatusCode);
        var manyProblem = (await tooMany.Content.ReadFromJsonAsync<LimitProblemDto>())!;
        Assert.Equal(("batch_too_large", 3L), (manyProblem.Code, manyProblem.Limit));
        Assert.Contains("at most 3", manyProblem.Title, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        var bigProblem = (await tooBig.Content.ReadFromJsonAsync<LimitProblemDto>())!;
        Assert.Equal(("body_too_large", 2048L), (bigProblem.Code, bigProblem.Limit));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Empty(await app.StoredEventsAsync(tenant));
    }

    [Fact]
    public async Task An_ingestion_token_of_another_tenant_gets_403_and_writes_nothing_there()
    {
        var mine = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync("Other " + Guid.NewGuid().ToString("N")[..6]);
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(mine));
        var batch = new[] { EventTesting.Sample(At, "x") };

        var byId = await client.PostAsJsonAsync($"/api/v1/events?tenant={other}", batch);
        var byName = await client.PostAsJsonAsync($"/api/v1/events?tenant={Uri.EscapeDataString((await TenantNameAsync(other))!)}", batch);
        var own = await client.PostAsJsonAsync($"/api/v1/events?tenant={mine}", batch);

        Assert.Equal(HttpStatusCode.Forbidden, byId.StatusCode);
        Assert.Equal("token_tenant_mismatch", (await byId.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Equal(HttpStatusCode.Forbidden, byName.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Empty(await app.StoredEventsAsync(other));
        Assert.Single(await app.StoredEventsAsync(mine));
    }

    [Fact]
    public async Task An_ingestion_token_opens_nothing_but_ingestion_and_a_revoked_one_opens_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var token = await app.CreateIngestionTokenAsync(tenant);
        var client = app.IngestionClient(token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/events")).StatusCode);

        await app.AsAdministratorAsync(async sp =>
        {
            var service = sp.GetRequiredService<KumaTip.Application.Events.Ingestion.IngestionTokenService>();
            var id = (await service.ListAsync([tenant], CancellationToken.None)).Single().Id;
            return await service.RevokeAsync(id, CancellationToken.None);
        });
        var revoked = await client.PostAsJsonAsync("/api/v1/events", new[] { EventTesting.Sample(At, "x") });
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        var made = app.IngestionClient("kte_made-up");
        Assert.Equal(HttpStatusCode.Unauthorized, (await made.PostAsJsonAsync("/api/v1/events", new[] { EventTesting.Sample(At, "x") })).StatusCode);
    }

    [Fact]
    public async Task Administrators_of_the_tenant_may_ingest_with_personal_tokens_analysts_and_strangers_may_not()
    {
        var tenant = await app.CreateTenantAsync();
        var foreign = await app.CreateTenantAsync();
        var tenantAdmin = await app.CreateUserAsync(Roles.TenantAdministrator, tenant);
        var analyst = await app.CreateUserAsync(Roles.Analyst, tenant);
        var strangerAdmin = await app.CreateUserAsync(Roles.TenantAdministrator, foreign);
        var batch = new[] { EventTesting.Sample(At, "by admin") };

        var byAdmin = await (await app.ApiClientAsync(tenantAdmin.UserName, tenantAdmin.Password)).PostAsJsonAsync($"/api/v1/events?tenant={tenant}", batch);
        var byAnalyst = await (await app.ApiClientAsync(analyst.UserName, analyst.Password)).PostAsJsonAsync($"/api/v1/events?tenant={tenant}", batch);
        var byStranger = await (await app.ApiClientAsync(strangerAdmin.UserName, strangerAdmin.Password)).PostAsJsonAsync($"/api/v1/events?tenant={tenant}", batch);
        var noTenant = await (await app.AdminApiClientAsync()).PostAsJsonAsync("/api/v1/events", batch);
        var anonymous = await app.CreateClient().PostAsJsonAsync($"/api/v1/events?tenant={tenant}", batch);

        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAnalyst.StatusCode);
        Assert.Equal("ingestion_forbidden", (await byAnalyst.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTenant.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(["by admin"], (await app.StoredEventsAsync(tenant)).Select(e => e.Name));
    }

    [Fact]
    public async Task Observables_are_extracted_from_every_field_and_from_the_message()
    {
        var tenant = await app.CreateTenantAsync();
        await app.IngestAsync(tenant, EventTesting.Sample(At, "all fields", new
        {
            SourceAddress = "192.168.10.5",
            SourceHostName = "WS-0042",
            DestinationAddress = "2001:DB8::1",
            DestinationHostName = "Mail.Example.COM",
            RequestUrl = "hxxp://dd.daywinners[.]com/d/VFZvqeP-V1ffkQ.exe",
            FileHash = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            Message = "Beacon to 8.8.8.8 and evil[.]org, dropped 44d88612fea8a8f36de82e1278abb02f, see https://kaspersky.com/x, again 192.168.10.5",
        }));

        var observables = (await app.StoredEventsAsync(tenant)).Single().Observables;
        var byKey = observables.ToDictionary(o => o.ObservableKey, o => (o.Field, o.IsPrivateOrReserved));

        Assert.Equal(("SourceAddress", true), byKey["ip:192.168.10.5"]);
        Assert.Equal(("DestinationAddress", true), byKey["ip:2001:db8::1"]);
        Assert.Equal(("DestinationHostName", false), byKey["domain:mail.example.com"]);
        Assert.Equal(("RequestUrl", false), byKey["url:http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe"]);
        Assert.Equal(("RequestUrl", false), byKey["domain:dd.daywinners.com"]);
        Assert.Equal(("FileHash", false), byKey["sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"]);
        Assert.Equal(("Message", false), byKey["ip:8.8.8.8"]);
        Assert.Equal(("Message", false), byKey["domain:evil.org"]);
        Assert.Equal(("Message", false), byKey["md5:44d88612fea8a8f36de82e1278abb02f"]);
        Assert.Equal(("Message", false), byKey["url:https://kaspersky.com/x"]);
        Assert.DoesNotContain(observables, o => o.ObservableKey.Contains("ws-0042", StringComparison.Ordinal)); // single-label host
        Assert.Equal(10, observables.Count); // 192.168.10.5 again in Message is the same observable
        Assert.All(observables, o => Assert.Equal(At, o.Timestamp));
    }

    private Task<string?> TenantNameAsync(Guid id) => app.AsAdministratorAsync(async sp =>
        (await sp.GetRequiredService<KumaTip.Application.Tenancy.TenantService>().FindAsync(id, CancellationToken.None))?.Name);
}

public sealed class EventIngestionTestsOnSqlite(KumaTipApp<OnSqlite> app) : EventIngestionTests<OnSqlite>(app);

public sealed class EventIngestionTestsOnPostgres(KumaTipApp<OnPostgres> app) : EventIngestionTests<OnPostgres>(app);
