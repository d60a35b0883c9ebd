using System.Text.Json;
using KumaTip.Application.Events.Queries;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Web.Api;

/// <summary>
/// <c>GET /api/v1/events</c> and <c>GET /api/v1/events/{id}</c>: the same data as the Events page and Event information,
/// through the same <see cref="EventQueries"/>.
/// </summary>
public static class EventEndpoints
{
    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", async (
                DateTimeOffset? from, DateTimeOffset? to, string? text, string? observable, Guid? tenant, TipZone? zone,
                string? before, string? after, int? limit, EventQueries queries, CancellationToken ct) =>
            (await queries.ListAsync(
                new EventFilter(from, to, text, observable, tenant) { Zone = zone },
                new EventPageRequest(before, after, limit ?? EventPageRequest.DefaultSize),
                ct))
            .ToResult(page => Results.Ok(new { page.Items, page.Older, page.Newer })))
            .WithSummary("Events of the selected tenants, newest first (zone=Red keeps events having an observable of that Threat Lookup zone); follow 'older' with ?before= and 'newer' with ?after=.");

        api.MapGet("/events/{id:long}", async (long id, EventQueries queries, CancellationToken ct) =>
            (await queries.GetAsync(id, ct)).ToResult(details => Results.Ok(ToDto(details))))
            .WithSummary("One event: every field, the other fields as sent, and its observables.");
        return api;
    }

    private static object ToDto(EventDetails details)
    {
        var e = details.Event;
        using var extra = e.Extra is null ? null : JsonDocument.Parse(e.Extra);
        return new
        {
            e.Id,
            e.TenantId,
            details.TenantName,
            e.Timestamp,
            e.ReceivedAt,
            e.Name,
            e.DeviceVendor,
            e.DeviceProduct,
            e.DeviceEventCategory,
            e.Severity,
            e.SourceAddress,
            e.SourcePort,
            e.SourceHostName,
            e.SourceUserName,
            e.DestinationAddress,
            e.DestinationPort,
            e.DestinationHostName,
            e.RequestUrl,
            e.FileHash,
            e.FileName,
            e.FilePath,
            e.Message,
            Extra = extra?.RootElement.Clone(),
            Observables = details.Observables.Select(o => new
            {
                o.Field,
                o.Observable.Key,
                o.Observable.Type,
                o.Observable.Value,
                o.Observable.Display,
                o.Observable.TipType,
                o.Observable.IsPrivateOrReserved,
                ReservedReason = o.Observable.ReservedReason?.Description,
                Zone = details.Zones.TryGetValue(o.Observable.Key, out var zone) ? zone : (KumaTip.Application.ThreatLookup.Tip.TipZone?)null,
            }),
        };
    }
}
