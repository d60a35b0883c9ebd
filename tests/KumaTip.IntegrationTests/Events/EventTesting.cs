using System.Text.Json;
using KumaTip.Application.Events;
using KumaTip.Application.Events.Ingestion;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Events;

/// <summary>Intent methods for the events tests: ingestion tokens, posting batches, reading what was stored.</summary>
public static class EventTesting
{
    public static Task<string> CreateIngestionTokenAsync<TDb>(this KumaTipApp<TDb> app, Guid tenantId, string name = "collector")
        where TDb : IDatabaseKind =>
        app.AsAdministratorAsync(async sp =>
        {
            var created = await sp.GetRequiredService<IngestionTokenService>().CreateAsync(tenantId, name, CancellationToken.None);
            Assert.True(created.Succeeded, created.Error?.Message);
            return created.Value!.Token;
        });

    public static HttpClient IngestionClient<TDb>(this KumaTipApp<TDb> app, string token)
        where TDb : IDatabaseKind
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>Posts a batch with the tenant's ingestion token and asserts that every event was accepted.</summary>
    public static async Task IngestAsync<TDb>(this KumaTipApp<TDb> app, Guid tenantId, params object[] events)
        where TDb : IDatabaseKind
    {
        var client = app.IngestionClient(await app.CreateIngestionTokenAsync(tenantId));
        var response = await client.PostAsJsonAsync("/api/v1/events", events);
        var report = await response.Content.ReadFromJsonAsync<ReportDto>();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.Empty(report!.Rejected);
        Assert.Equal(events.Length, report.Accepted);
    }

    /// <summary>The tenant's stored events in the order written, each with the observable rows indexed for it.</summary>
    public static Task<List<Event>> StoredEventsAsync<TDb>(this KumaTipApp<TDb> app, Guid tenantId)
        where TDb : IDatabaseKind =>
        app.AsAdministratorAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var events = await db.Set<Event>().AsNoTracking().Where(e => e.TenantId == tenantId).OrderBy(e => e.Id).ToListAsync();
            var observables = (await db.Set<EventObservable>().AsNoTracking().Where(o => o.TenantId == tenantId).ToListAsync()).ToLookup(o => o.EventId);
            events.ForEach(e => e.Observables = observables[e.Id].ToList());
            return events;
        });

    public static object Sample(DateTimeOffset at, string name, object? extra = null)
    {
        var fields = new Dictionary<string, object?> { ["Timestamp"] = at.ToString("O"), ["Name"] = name };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                fields[property.Name] = property.Value;
            }
        }

        return fields;
    }
}

public sealed record ReportDto(int Accepted, List<RejectedDto> Rejected);

public sealed record RejectedDto(int Index, List<string> Errors);

public sealed record LimitProblemDto(int Status, string? Title, string? Code, long Limit);
