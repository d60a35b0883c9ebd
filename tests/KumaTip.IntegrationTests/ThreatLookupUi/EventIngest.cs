using System.Text.Json;
using KumaTip.IntegrationTests.Events;

namespace KumaTip.IntegrationTests.ThreatLookupUi;

public static class EventIngest
{
    /// <summary>Ingests one event with the given fields (now) and returns the ids of the tenant's events holding them, newest first.</summary>
    public static async Task<List<long>> IngestAndListAsync<TDb>(this KumaTipApp<TDb> app, Guid tenant, object fields)
        where TDb : IDatabaseKind
    {
        var name = "ui-" + Guid.NewGuid().ToString("N")[..8];
        await app.IngestAsync(tenant, EventTesting.Sample(DateTimeOffset.UtcNow, name, fields));
        var api = await app.AdminApiClientAsync();
        var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/events?tenant={tenant}&text={name}");
        return page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
    }
}
