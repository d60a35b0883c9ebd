using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KumaTip.Application.Events;
using KumaTip.Application.Persistence;
using KumaTip.Application.Tasks;
using KumaTip.IntegrationTests.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Xunit.Abstractions;

namespace KumaTip.IntegrationTests.Foundation.HostileInput;

/// <summary>
/// The hostile-input suite (issue 14): every endpoint of /api/v1 and every form gets every hostile value in every field
/// (<see cref="HostileValues"/>, <see cref="HostileCatalogue"/>). For each request: no 5xx; a refused one changed
/// nothing; nothing logged at Error; no seeded secret in the answer. Batches of events mixing good and hostile items
/// store exactly the good ones (and a hostile one only when it is in fact valid).
/// </summary>
public abstract class HostileInputTests<TDb>(KumaTipApp<TDb> app, ITestOutputHelper output) : IClassFixture<KumaTipApp<TDb>>
    where TDb : IDatabaseKind
{
    /// <summary>Within every tenant's retention (events older than it are refused at ingestion).</summary>
    private static readonly string Yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly ConcurrentDictionary<object, Task<HostileSeed>> Seeds = new();

    /// <summary>Columns whose change means a row was changed by the request; counts catch added and removed rows.</summary>
    private static readonly HashSet<string> WatchedColumns =
    [
        "Version", "Name", "NormalizedName", "UserName", "Email", "PasswordHash", "IsDisabled", "RevokedAt", "Description", "Url",
        "Bypass", "SealedCredentials", "Sealed", "BaseUrl", "PortalUrl", "Disabled", "SecretId", "ProxyId", "LicenceQuota", "ExpiresAt",
        "CacheFreshnessDays", "TenantId", "RoleId", "UserId",
    ];

    /// <summary>Written by work that is not the request's (the task worker, the sign-in counters): only counted.</summary>
    private static readonly HashSet<string> CountedOnly = ["Tasks", "LicenseQuota", "AspNetUsers"];

    /// <summary>
    /// Tables a refused request may legitimately add to: the audit of failed attempts, the key ring, and what the task
    /// worker writes in the background for lookups accepted before (the cache of answers, the licence spent on their
    /// requests), and the task manager's "last seen" that any page showing it re-renders.
    /// </summary>
    private static readonly HashSet<string> Unwatched =
        ["AuditEntries", "DataProtectionKeys", "ObservableCache", "ObservableAliases", "LicenceSpending", "LicenceCounters", "TaskManagerVisits"];

    [Fact]
    public async Task Every_API_endpoint_survives_every_hostile_value()
    {
        var seed = await SeedAsync();
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        HostileCatalogue.Components = document.RootElement.GetProperty("components").GetProperty("schemas").Clone();

        Assert.Empty(HostileCatalogue.Uncatalogued(document.RootElement));
        var requests = HostileCatalogue.ApiRequests(document.RootElement).ToList();
        foreach (var left in HostileCatalogue.Api.Where(o => o.LeftOut is not null))
        {
            output.WriteLine($"left out: {left.Operation}: {left.LeftOut}");
        }

        await RunAsync(seed, requests, refusedUnless: r => (int)r.Status < 400);
    }

    [Fact]
    public async Task Every_form_survives_every_hostile_value()
    {
        var seed = await SeedAsync();
        var requests = HostileCatalogue.FormRequests().ToList();

        await RunAsync(seed, requests, refusedUnless: r => (int)r.Status < 400 && !ShowsAnError(r.Body));
    }

    [Fact]
    public async Task A_batch_of_events_stores_exactly_its_good_items_whatever_the_hostile_one_holds()
    {
        var seed = await SeedAsync();
        var ingest = app.CreateClient();
        ingest.DefaultRequestHeaders.Authorization = new("Bearer", seed.Secrets["ingestion token"]);
        var tenant = Guid.Parse(seed.Ids["tenant"]);
        string[] fields = ["Timestamp", "Name", "Severity", "SourceAddress", "SourcePort", "DestinationPort", "RequestUrl", "FileHash", "Message", "CustomField"];
        var failures = new List<string>();
        var count = 0;

        foreach (var field in fields)
        {
            foreach (var value in HostileValues.Json)
            {
                count++;
                var marker = "good-" + Guid.NewGuid().ToString("N");
                var hostile = Encoding.UTF8.GetBytes($"{{\"Timestamp\": \"{Yesterday}T00:00:00Z\", \"Message\": \"hostile-{marker}\", \"{field}\": ").Concat(value.Wire).Concat("}"u8.ToArray());
                var body = "["u8.ToArray().Concat(Good(marker, 0)).Concat(","u8.ToArray()).Concat(hostile).Concat(","u8.ToArray()).Concat(Good(marker, 2)).Concat("]"u8.ToArray()).ToArray();
                var before = await EventCountAsync(tenant);

                var response = await ingest.PostAsync("/api/v1/events", Raw(body, "application/json"));

                var input = $"{field}: {value.Name}";
                var answer = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"POST /api/v1/events [{input}] answered {(int)response.StatusCode}: {Shorten(answer)}");
                    continue;
                }

                var report = JsonNode.Parse(answer)!;
                var accepted = report["accepted"]!.GetValue<int>();
                var rejected = report["rejected"]!.AsArray().Select(r => r!["index"]!.GetValue<int>()).ToList();
                var stored = await EventCountAsync(tenant) - before;
                var goodStored = await MarkedCountAsync(marker);
                if (rejected.Any(i => i != 1) || accepted != 3 - rejected.Count || stored != accepted || goodStored != 2)
                {
                    failures.Add($"POST /api/v1/events [{input}]: accepted {accepted}, rejected [{string.Join(",", rejected)}], stored {stored}, good ones stored {goodStored}");
                }
            }
        }

        foreach (var (name, contentType, bytes) in HostileValues.Bodies)
        {
            count++;
            var before = await EventCountAsync(tenant);
            var response = await ingest.PostAsync("/api/v1/events", Raw(bytes, contentType));
            var stored = await EventCountAsync(tenant) - before;
            if ((int)response.StatusCode >= 500 || stored != 0)
            {
                failures.Add($"POST /api/v1/events [body {name}] answered {(int)response.StatusCode}, stored {stored}");
            }
        }

        output.WriteLine($"{count,5}  POST /api/v1/events (mixed batches and whole bodies)");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} hostile batches failed:\n" + string.Join("\n", failures));

        static byte[] Good(string marker, int index) => Encoding.UTF8.GetBytes(
            $"{{\"Timestamp\": \"{Yesterday}T00:00:0{index}Z\", \"Name\": \"good\", \"Message\": \"{marker}\", \"SourceAddress\": \"10.0.0.{index}\"}}");
    }

    private async Task RunAsync(HostileSeed seed, IReadOnlyList<HostileRequest> requests, Func<HostileAnswer, bool> refusedUnless)
    {
        var clients = new Dictionary<Caller, (HttpClient Client, string? Antiforgery)>
        {
            [Caller.Api] = (await ApiClientAsync(seed), null),
            [Caller.Browser] = await BrowserAsync(await app.SignInAsAdminAsync(), "/Profile"),
            [Caller.AnonymousBrowser] = await BrowserAsync(app.CreateBrowser(), "/Account/Login"),
        };
        await RestoreSettingsAsync(seed, clients[Caller.Api].Client);
        var failures = new List<string>();
        var missingLogLines = 0;
        foreach (var request in requests)
        {
            var (client, antiforgery) = clients[request.Caller];
            using var message = request.Build(seed, antiforgery ?? string.Empty);
            var traceId = ActivityTraceId.CreateRandom().ToHexString();
            message.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            var isGet = message.Method == HttpMethod.Get;
            var before = await FingerprintAsync();

            HostileAnswer answer;
            try
            {
                using var response = await client.SendAsync(message);
                answer = new HostileAnswer(
                    response.StatusCode,
                    await response.Content.ReadAsStringAsync(),
                    string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(",", h.Value)}")),
                    response.Content.Headers.ContentType?.MediaType);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                failures.Add($"{request}: the request failed: {e.Message}");
                continue;
            }

            if ((int)answer.Status >= 500)
            {
                failures.Add($"{request}: answered {(int)answer.Status}: {Shorten(answer.Body)}");
            }

            if (isGet || !refusedUnless(answer))
            {
                var after = await FingerprintAsync();
                if (Difference(before, after) is { } changed)
                {
                    failures.Add($"{request}: refused with {(int)answer.Status} but changed {changed}");
                }
            }

            foreach (var (what, secret) in seed.Secrets)
            {
                if (answer.Body.Contains(secret, StringComparison.Ordinal) || answer.Headers.Contains(secret, StringComparison.Ordinal))
                {
                    failures.Add($"{request}: the answer contains the {what}");
                }
            }

            if (answer.MediaType == "text/html" && answer.Body.Contains("<script>alert(1)</script>", StringComparison.Ordinal))
            {
                failures.Add($"{request}: the page shows the posted <script> unencoded");
            }

            if (!await LoggedAsync(traceId))
            {
                missingLogLines++;
            }

            var errors = CapturedLogs.OfTrace(traceId).Where(l => l.Level >= LogEventLevel.Error).Select(l => Shorten(l.Text)).ToList();
            if (errors.Count > 0)
            {
                failures.Add($"{request}: logged at Error: {string.Join(" | ", errors)}");
            }
        }

        await RestoreSettingsAsync(seed, clients[Caller.Api].Client);
        foreach (var endpoint in requests.GroupBy(r => r.Endpoint))
        {
            output.WriteLine($"{endpoint.Count(),5}  {endpoint.Key}");
        }

        output.WriteLine($"{requests.Count,5}  in all ({missingLogLines} without a request log line to check)");
        Assert.True(failures.Count == 0, $"{failures.Count} failures in {requests.Count} hostile requests:\n" + string.Join("\n", failures));
    }

    /// <summary>Waits briefly for the request log line (written after the answer); false when it never came.</summary>
    private static async Task<bool> LoggedAsync(string traceId)
    {
        try
        {
            await CapturedLogs.RequestLineAsync(traceId, TimeSpan.FromSeconds(5));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static bool ShowsAnError(string html) =>
        html.Contains("validation-summary-errors", StringComparison.Ordinal) || html.Contains("class=\"notice error\"", StringComparison.Ordinal);

    private Task<HostileSeed> SeedAsync() => Seeds.GetOrAdd(app, _ => CreateSeedAsync());

    private async Task<HostileSeed> CreateSeedAsync()
    {
        var api = await app.AdminApiClientAsync();
        var tenant = await app.CreateTenantAsync("Hostile " + Guid.NewGuid().ToString("N")[..6]);
        var analyst = await app.CreateUserAsync("Analyst", tenant);
        var signInUser = await app.CreateUserAsync("Analyst", tenant);

        var secret = TestSecret.New(tenant);
        var createdSecret = await api.PostAsync("/api/v1/secrets", secret.ToForm());
        Assert.Equal(HttpStatusCode.Created, createdSecret.StatusCode);
        var secretId = (await createdSecret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var proxyPassword = TestCertificates.UniqueSecret("proxypw");
        var createdProxy = await api.PostAsJsonAsync("/api/v1/proxies", new { name = "hostile proxy", tenantId = tenant, url = "http://proxy.example.com:3128", userName = "proxy-user", password = proxyPassword });
        Assert.Equal(HttpStatusCode.Created, createdProxy.StatusCode);
        var proxyId = (await createdProxy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var createdIngestionToken = await api.PostAsJsonAsync("/api/v1/ingestion-tokens", new { tenantId = tenant, name = "hostile" });
        Assert.Equal(HttpStatusCode.Created, createdIngestionToken.StatusCode);
        var ingestionToken = (await createdIngestionToken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var ingested = await api.PostAsync($"/api/v1/events?tenant={tenant}", Raw(Encoding.UTF8.GetBytes($"[{{\"Timestamp\": \"{Yesterday}T00:00:00Z\", \"Message\": \"seed\", \"RequestUrl\": \"http://example.com/x\"}}]"), "application/json"));
        Assert.Equal(HttpStatusCode.OK, ingested.StatusCode);
        var eventId = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/events?tenant={tenant}&limit=1")).GetProperty("items")[0].GetProperty("id").GetInt64();

        // Lookups queue tasks only with a secret chosen (its TIP is unreachable here: the tasks fail in the worker).
        var configured = await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", SettingsOf(secretId));
        Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
        var taskId = await app.AsAdministratorAsync(async sp =>
        {
            var queue = sp.GetRequiredService<TaskQueue>();
            var queued = await queue.EnqueueAsync(new NewTask("hostile.seed", tenant, "Hostile seed", "{}", null), CancellationToken.None);
            await queue.CancelAsync(queued.Value.Task.Id, CancellationToken.None); // final, so the worker no longer changes it
            return queued.Value.Task.Id.ToString();
        });

        return new HostileSeed
        {
            Ids = new Dictionary<string, string>
            {
                ["tenant"] = tenant.ToString(),
                ["analyst"] = analyst.Id.ToString(),
                ["analystName"] = analyst.UserName,
                ["signInUser"] = signInUser.UserName,
                ["secret"] = secretId,
                ["proxy"] = proxyId,
                ["event"] = eventId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["task"] = taskId,
                ["unknown"] = Guid.NewGuid().ToString(),
                ["observableType"] = "domain",
            },
            Secrets = new Dictionary<string, string>
            {
                ["secret's password"] = secret.Password,
                ["secret's PFX password"] = secret.PfxPassword,
                ["proxy's password"] = proxyPassword,
                ["ingestion token"] = ingestionToken,
                ["administrator's password"] = KumaTipApp<TDb>.AdminPassword,
                ["analyst's password"] = KumaTipApp<TDb>.UserPassword,
            },
        };
    }

    private static object SettingsOf(string secretId) => new { disabled = false, secretId, baseUrl = "https://tip.kaspersky.com", licenceQuota = 1000 };

    /// <summary>Undoes what accepted hostile settings did (e.g. <c>"disabled": true</c>), so that lookups are judged as configured.</summary>
    private async Task RestoreSettingsAsync(HostileSeed seed, HttpClient api)
    {
        var restored = await api.PutAsJsonAsync("/api/v1/settings/threat-lookup", SettingsOf(seed.Ids["secret"]));
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    private async Task<HttpClient> ApiClientAsync(HostileSeed seed)
    {
        var api = await app.AdminApiClientAsync();
        // The token is a secret of its own: no answer may contain it (it is sent only in the header).
        ((Dictionary<string, string>)seed.Secrets).TryAdd("administrator's token", api.DefaultRequestHeaders.Authorization!.Parameter!);
        return api;
    }

    private static async Task<(HttpClient, string?)> BrowserAsync(HttpClient browser, string page) =>
        (browser, FormPosting.AntiforgeryToken(await browser.GetStringAsync(page)));

    /// <summary>Counts of every table, and the watched columns of its rows, in one comparable string per table.</summary>
    private Task<Dictionary<string, string>> FingerprintAsync() => app.AsAdministratorAsync(async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var fingerprint = new Dictionary<string, string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var table = entity.GetTableName()!;
            if (Unwatched.Contains(table) || fingerprint.ContainsKey(table))
            {
                continue;
            }

            var columns = CountedOnly.Contains(table)
                ? []
                : entity.GetProperties().Select(p => p.GetColumnName()).Where(WatchedColumns.Contains).Distinct().ToList();
            var quoted = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table}\"" : $"\"{table}\"";
            await using var command = connection.CreateCommand();
            command.CommandText = columns.Count == 0
                ? $"SELECT COUNT(*) FROM {quoted}"
                : $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM {quoted}";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader, i))));
            }

            rows.Sort(StringComparer.Ordinal);
            fingerprint[table] = columns.Count == 0 ? rows[0] : $"{rows.Count} rows: " + string.Join("; ", rows);
        }

        return fingerprint;
    });

    /// <summary>A cell as text; a long one (a sealed blob) as its length and hash, which still change when it does.</summary>
    private static string Cell(System.Data.Common.DbDataReader reader, int i)
    {
        var text = reader.IsDBNull(i) ? "" : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "";
        return text.Length <= 64 ? text : $"{text.Length}:{text.GetHashCode(StringComparison.Ordinal)}";
    }

    private static string? Difference(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var changed = before.Keys.Where(t => before[t] != after.GetValueOrDefault(t)).ToList();
        return changed.Count == 0 ? null : string.Join(", ", changed.Select(t => $"{t} ({Shorten(before[t], 80)} → {Shorten(after[t], 80)})"));
    }

    private Task<int> EventCountAsync(Guid tenant) => app.AsAdministratorAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Set<Event>().CountAsync(e => e.TenantId == tenant));

    private Task<int> MarkedCountAsync(string marker) => app.AsAdministratorAsync(sp =>
        sp.GetRequiredService<AppDbContext>().Set<Event>().CountAsync(e => e.Message == marker));

    private static ByteArrayContent Raw(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private static string Shorten(string text, int length = 300) => text.Length <= length ? text : text[..length] + "…";

    private sealed record HostileAnswer(HttpStatusCode Status, string Body, string Headers, string? MediaType);
}

public sealed class HostileInputTestsOnSqlite(KumaTipApp<OnSqlite> app, ITestOutputHelper output) : HostileInputTests<OnSqlite>(app, output);

public sealed class HostileInputTestsOnPostgres(KumaTipApp<OnPostgres> app, ITestOutputHelper output) : HostileInputTests<OnPostgres>(app, output);
