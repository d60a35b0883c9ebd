using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Serilog.Events;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>A client's mistake is logged with the status the client got, at Information: never at Error, never as a 500.</summary>
public abstract class ClientErrorLogTests<TDb>(KumaTipApp<TDb> app) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    public static TheoryData<string, string, string?, string, HttpStatusCode> Mistakes => new()
    {
        { "POST", "/api/v1/lookups", "application/json", "{\"value\": ", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/lookups", "application/json", "{\"value\": 42, \"sections\": {}}", HttpStatusCode.BadRequest },
        { "POST", "/api/v1/lookups", "text/plain", "example.com", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/api/v1/events", "text/plain", "[]", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/api/v1/events", null, "[]", HttpStatusCode.UnsupportedMediaType },
        { "POST", "/api/v1/events?tenant=Main", "application/json", "[{\"Timestamp\": \"x\\ud800\"}, {", HttpStatusCode.BadRequest },
        { "GET", "/api/v1/tasks?status=Finished", null, "", HttpStatusCode.BadRequest },
        { "GET", "/api/v1/tasks?limit=many", null, "", HttpStatusCode.BadRequest },
        { "GET", $"/api/v1/tasks/{Guid.Empty}?waitSeconds=soon", null, "", HttpStatusCode.BadRequest },
        { "POST", "/culture", "application/x-www-form-urlencoded", "culture=ru&returnUrl=%2Fa%01b", HttpStatusCode.Redirect },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_client_mistake_is_answered_and_logged_with_its_status_at_Information_not_as_an_error(
        string method, string path, string? contentType, string body, HttpStatusCode status)
    {
        var api = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        api.DefaultRequestHeaders.Authorization = (await app.AdminApiClientAsync()).DefaultRequestHeaders.Authorization;
        var trace = CapturedLogs.Trace(api);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = new(contentType);
            }
        }

        var response = await api.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        var logged = await CapturedLogs.RequestLineAsync(trace);
        CapturedLogs.AssertNoErrorIn(trace);
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Contains($" responded {(int)status} ", logged.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_API_answers_a_malformed_body_with_a_ProblemDetails_naming_the_problem()
    {
        var api = await app.AdminApiClientAsync();

        var response = await api.PostAsync("/api/v1/lookups", new StringContent("{\"value\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("malformed_request", (await response.Content.ReadFromJsonAsync<ProblemDto>())!.Code);
    }
}

public sealed class ClientErrorLogTestsOnSqlite(KumaTipApp<OnSqlite> app) : ClientErrorLogTests<OnSqlite>(app);

public sealed class ClientErrorLogTestsOnPostgres(KumaTipApp<OnPostgres> app) : ClientErrorLogTests<OnPostgres>(app);
