using System.Text.Json;
using KumaTip.Application.Events.Queries;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Web.Api;

/// <summary>One event as the API gives it: every field, the other fields as sent, and its observables.</summary>
public sealed record EventDto(
    long Id, Guid TenantId, string TenantName, DateTimeOffset Timestamp, DateTimeOffset ReceivedAt, string? Name,
    string? DeviceVendor, string? DeviceProduct, string? DeviceEventCategory, string? Severity,
    string? SourceAddress, int? SourcePort, string? SourceHostName, string? SourceUserName,
    string? DestinationAddress, int? DestinationPort, string? DestinationHostName,
    string? RequestUrl, string? FileHash, string? FileName, string? FilePath, string? Message,
    JsonElement? Extra, IReadOnlyList<EventObservableDto> Observables)
{
    public static EventDto From(EventDetails details)
    {
        var e = details.Event;
        using var extra = e.Extra is null ? null : JsonDocument.Parse(e.Extra);
        return new(
            e.Id, e.TenantId, details.TenantName, e.Timestamp, e.ReceivedAt, e.Name, e.DeviceVendor, e.DeviceProduct, e.DeviceEventCategory,
            e.Severity, e.SourceAddress, e.SourcePort, e.SourceHostName, e.SourceUserName, e.DestinationAddress, e.DestinationPort,
            e.DestinationHostName, e.RequestUrl, e.FileHash, e.FileName, e.FilePath, e.Message, extra?.RootElement.Clone(),
            details.Observables.Select(o => new EventObservableDto(
                o.Field, o.Observable.Key, o.Observable.Type, o.Observable.Value, o.Observable.Display, o.Observable.TipType,
                o.Observable.IsPrivateOrReserved, o.Observable.ReservedReason?.Description,
                details.Zones.TryGetValue(o.Observable.Key, out var zone) ? zone : null)).ToList());
    }
}

/// <summary>An observable found in an event's field, with its Threat Lookup zone once known.</summary>
public sealed record EventObservableDto(
    string Field, string Key, ObservableType Type, string Value, string Display, string TipType, bool IsPrivateOrReserved, string? ReservedReason, TipZone? Zone);

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
            .ToOk())
            .WithSummary("Events of the selected tenants, newest first (zone=Red keeps events having an observable of that Threat Lookup zone); follow 'older' with ?before= and 'newer' with ?after=.");

        api.MapGet("/events/{id:long}", async (long id, EventQueries queries, CancellationToken ct) =>
            (await queries.GetAsync(id, ct)).ToOk(EventDto.From))
            .WithSummary("One event: every field, the other fields as sent, and its observables.");
        return api;
    }
}
