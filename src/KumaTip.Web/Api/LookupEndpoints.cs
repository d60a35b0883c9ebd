using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using KumaTip.Application.Common;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Web.Api;

public sealed record LookupRequestBody(string? Value, string? Type, IReadOnlyList<string>? Sections, Guid? TenantId, bool? Refresh);

public sealed record SectionDto(string Name, DateTimeOffset ObtainedAt, bool Stale, [property: JsonConverter(typeof(RawJsonConverter))] RawJson Data);

/// <summary>A section's data as TIP sent it (stored as validated JSON), written into the answer as it is.</summary>
public sealed record RawJson(byte[] Utf8);

/// <summary>
/// Writes <see cref="RawJson"/> without walking it: the cache holds each section as JSON already, and re-serializing
/// a parsed tree was most of the JSON work of a cached answer. Answers are only written, never read, by the app.
/// </summary>
public sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Answers are written, not read.");

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
}

public sealed record ObservableDto(
    string Key, string Type, string TipType, string Value, string Display, string Zone, bool NotFound,
    DateTimeOffset? UpdatedAt, bool Stale, Uri PortalLink, IReadOnlyList<SectionDto> Sections)
{
    public static ObservableDto From(ObservableDetails d) => new(
        d.Key, d.Type.ToString(), d.TipType, d.Value, d.Display, d.Zone.ToString(), d.NotFound, d.UpdatedAt, d.Stale, d.PortalLink,
        d.Sections.Select(s => new SectionDto(s.Name, s.ObtainedAt, s.Stale, Encoded(s.Json))).ToList());

    /// <summary>
    /// A section's JSON is the same string instance for as long as the cache entry stays in memory, so it is checked
    /// and encoded once per entry, not once per request. Parsing it once also keeps stored text that is not JSON
    /// from ever reaching an answer unchecked.
    /// </summary>
    private static readonly ConditionalWeakTable<string, RawJson> EncodedSections = new();

    private static RawJson Encoded(string json) =>
        EncodedSections.GetValue(json, static j =>
        {
            using var document = JsonDocument.Parse(j);
            return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement));
        });
}

public sealed record QueuedLookupDto(TaskDto Task, bool Joined, IReadOnlyList<string> Sections);

/// <summary>/api/v1/lookups, /observables, task results and the quota: the Threat Lookup flow for programs.</summary>
public static class LookupEndpoints
{
    public static RouteGroupBuilder MapLookupEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/lookups", async (LookupRequestBody body, LookupService lookups, CancellationToken ct) =>
                (await lookups.RequestAsync(new LookupRequest(body.Value, body.Type, body.Sections, body.TenantId, body.Refresh ?? false), ct))
                .ToResult(result => result switch
                {
                    LookupResult.Cached cached => Results.Ok(ObservableDto.From(cached.Details)),
                    LookupResult.Queued queued => Results.Accepted(
                        $"/api/v1/tasks/{queued.Task.Id}", new QueuedLookupDto(TaskDto.From(queued.Task), queued.Joined, queued.Sections)),
                    _ => throw new InvalidOperationException(),
                }))
            .WithSummary("200 with the cached entry when the cache answers (free); otherwise 202 with the Threat Lookup task (queued or joined).");

        api.MapGet("/lookups/cost", async (string? value, string? type, string? sections, LookupService lookups, CancellationToken ct) =>
                (await lookups.CostAsync(value, type, Split(sections), ct)).ToResult(cost => Results.Ok(new
                {
                    observable = new { cost.Observable.Key, cost.Observable.TipType, cost.Observable.Value, cost.Observable.Display, cost.Observable.IsPrivateOrReserved },
                    groups = cost.Groups.Select(g => new { g.Key, g.IsSelectedByDefault }),
                    missing = cost.Missing,
                    free = cost.Missing.Count == 0,
                    quota = cost.Quota,
                })))
            .WithSummary("What a lookup would cost: the data groups, which the cache lacks, and the requests left.");

        api.MapGet("/observables/{type}/{**value}", async (string type, string value, ObservableDetailsReader details, CancellationToken ct) =>
                (await details.FindAsync(Uri.UnescapeDataString(value), type, ct)).ToResult(d => Results.Ok(ObservableDto.From(d))))
            .WithSummary("What the cache holds for an observable (percent-encode the value).");

        api.MapGet("/tasks/{id:guid}/result", async (Guid id, TaskQueries tasks, ObservableDetailsReader details, CancellationToken ct) =>
        {
            var task = await tasks.FindAsync(id, ct);
            if (task is null)
            {
                return ApiProblems.From(Error.NotFound("Task"));
            }

            if (task.State != TaskState.Completed || task.Kind != ThreatLookupTaskParameters.Kind)
            {
                return ApiProblems.From(new Error("no_result", $"The task is {task.State}; only a completed Threat Lookup task has a result.", ErrorKind.Conflict));
            }

            var key = ThreatLookupTaskParameters.FromJson(task.Parameters).Key;
            var separator = key.IndexOf(':', StringComparison.Ordinal);
            return (await details.FindAsync(key[(separator + 1)..], key[..separator], ct)).ToResult(d => Results.Ok(ObservableDto.From(d)));
        });

        api.MapGet("/settings/threat-lookup/quota", async (ThreatLookupSettingsService settings, QuotaService quota, CancellationToken ct) =>
                Results.Ok(await quota.GetAsync(LookupService.Terms(await settings.GetAsync(ct)), ct)))
            .WithSummary("Requests left in the licence period, the period end, and TIP's own daily counters from the last answer.");
        return api;
    }

    private static List<string>? Split(string? sections) =>
        sections?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
