using System.Net;
using System.Text.Json;
using KumaTip.Application.Audit;
using KumaTip.Application.Persistence;
using KumaTip.IntegrationTests.ThreatLookup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Foundation;

/// <summary>Actions that change no setting but matter afterwards: who made or revoked a token, stopped or redid a task, spent a request on a test.</summary>
public abstract class AuditedActionsTests<TDb>(LookupApp<TDb> app) : IClassFixture<LookupApp<TDb>>
    where TDb : IDatabaseKind
{
    [Fact]
    public async Task Creating_and_revoking_a_personal_access_token_is_audited_with_its_owner()
    {
        var user = await app.CreateUserAsync(Application.Identity.Roles.Analyst, app.MainTenantId);
        var client = app.CreateClient();
        var created = await client.PostAsJsonAsync("/api/v1/tokens", new { userName = user.UserName, password = user.Password, name = "audited" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("token").GetString());
        var id = body.GetProperty("id").GetGuid().ToString();

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/tokens/{id}")).StatusCode);

        var entries = await EntriesAsync(id);
        Assert.Equal(
            [(AuditActions.Create, "Name,ExpiresAt"), (AuditActions.Update, "RevokedAt")],
            entries.Select(e => (e.Action, e.ChangedFields)));
        Assert.All(entries, e => Assert.Equal((user.Id, user.UserName, "PersonalAccessToken", "audited"), (e.UserId!.Value, e.UserName, e.ObjectType, e.ObjectName)));
    }

    [Fact]
    public async Task Cancelling_and_restarting_a_task_are_audited()
    {
        var api = await app.AdminApiClientAsync();
        var lookup = await api.PostAsJsonAsync("/api/v1/lookups", new { value = $"audit-{Guid.NewGuid():N}.example.com", tenantId = app.MainTenantId });
        Assert.Equal(HttpStatusCode.Accepted, lookup.StatusCode);
        var id = (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("task").GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/v1/tasks/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/tasks/{id}?waitSeconds=30")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/api/v1/tasks/{id}/restart", null)).StatusCode);

        var entries = await EntriesAsync(id.ToString());
        Assert.Equal([AuditActions.Cancel, AuditActions.Restart], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(("admin", "Task", app.MainTenantId), (e.UserName, e.ObjectType, e.TenantId!.Value)));
    }

    [Fact]
    public async Task Test_connection_is_audited()
    {
        var api = await app.AdminApiClientAsync();
        var before = (await EntriesAsync("1")).Count(e => e.Action == AuditActions.Test);

        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/api/v1/settings/threat-lookup/test", null)).StatusCode);

        var tests = (await EntriesAsync("1")).Where(e => e.Action == AuditActions.Test).ToList();
        Assert.Equal(before + 1, tests.Count);
        Assert.Equal(("admin", "ThreatLookupSettings"), (tests[^1].UserName, tests[^1].ObjectType));
    }

    private async Task<List<AuditEntry>> EntriesAsync(string objectId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.ObjectId == objectId).OrderBy(e => e.Id).ToListAsync();
    }
}

public sealed class AuditedActionsTestsOnSqlite(LookupApp<OnSqlite> app) : AuditedActionsTests<OnSqlite>(app);

public sealed class AuditedActionsTestsOnPostgres(LookupApp<OnPostgres> app) : AuditedActionsTests<OnPostgres>(app);
