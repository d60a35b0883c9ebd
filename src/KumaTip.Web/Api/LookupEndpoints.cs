using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.Tasks;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Application.ThreatLookup.Tip;
using Microsoft.AspNetCore.Http.HttpResults;

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
        d.Observable.Key, d.Observable.Type.ToString(), d.Observable.TipType, d.Observable.Value, d.Observable.Display, d.Zone.ToString(), d.NotFound,
        d.UpdatedAt, d.Stale, d.PortalLink, d.Sections.Select(s => new SectionDto(s.Name, s.ObtainedAt, s.Stale, Encoded(s.Json))).ToList());

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

/// <summary>What a lookup would cost (<c>/lookups/cost</c>), as the enrichment window's script reads it.</summary>
public sealed record LookupCostDto(LookupCostDto.ObservableSummary Observable, IReadOnlyList<TipDataGroup> Groups, IReadOnlyList<string> Missing, bool Free, QuotaStatus Quota)
{
    public static LookupCostDto From(LookupCost cost)
    {
        var o = cost.Observable;
        return new(new(o.Key, o.TipType, o.Value, o.Display, o.IsPrivateOrReserved), cost.Groups, cost.Missing, cost.Missing.Count == 0, cost.Quota);
    }

    public sealed record ObservableSummary(string Key, string TipType, string Value, string Display, bool IsPrivateOrReserved);
}

/// <summary>
/// /api/v1/lookups, /observables, task results and the quota: the Threat Lookup flow for programs. The observable a
/// call names is parsed here, once; the services take the parsed <see cref="Observable"/>.
/// </summary>
public static class LookupEndpoints
{
    public static RouteGroupBuilder MapLookupEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/lookups", async Task<Results<Ok<ObservableDto>, Accepted<QueuedLookupDto>, ProblemHttpResult>> (
                LookupRequestBody body, LookupService lookups, CurrentUser user, CancellationToken ct) =>
            {
                var observable = ObservableParser.Parse(body.Value, body.Type);
                var result = observable.Value is { } o
                    ? await lookups.RequestAsync(new LookupRequest(o, body.Sections, body.TenantId, body.Refresh ?? false), ct)
                    : observable.Error!;
                return result.Value switch
                {
                    LookupResult.Cached cached => TypedResults.Ok(ObservableDto.From(cached.Details)),
                    LookupResult.Queued queued => TypedResults.Accepted(
                        $"/api/v1/tasks/{queued.Task.Id}", new QueuedLookupDto(TaskDto.From(queued.Task, user), queued.Joined, queued.Sections)),
                    _ => result.Error!.Problem(),
                };
            })
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("200 with the cached entry when the cache answers (free); otherwise 202 with the Threat Lookup task (queued or joined).");

        api.MapGet("/lookups/cost", async Task<Results<Ok<LookupCostDto>, ProblemHttpResult>> (
                string? value, string? type, string? sections, LookupService lookups, CancellationToken ct) =>
            {
                var observable = ObservableParser.Parse(value, type);
                return observable.Value is { } o
                    ? TypedResults.Ok(LookupCostDto.From(await lookups.CostAsync(o, Split(sections), ct)))
                    : observable.Error!.Problem();
            })
            .WithSummary("What a lookup would cost: the data groups, which the cache lacks, and the requests left.");

        api.MapGet("/observables/{type}/{**value}", async Task<Results<Ok<ObservableDto>, ProblemHttpResult>> (
                string type, string value, ObservableDetailsReader details, CancellationToken ct) =>
            {
                var observable = ObservableParser.Parse(Uri.UnescapeDataString(value), type);
                return observable.Value is { } o ? (await details.FindAsync(o, ct)).ToOk(ObservableDto.From) : observable.Error!.Problem();
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("What the cache holds for an observable (percent-encode the value).");

        api.MapGet("/tasks/{id:guid}/result", async Task<Results<Ok<ObservableDto>, ProblemHttpResult>> (
            Guid id, TaskQueries tasks, ObservableDetailsReader details, CancellationToken ct) =>
        {
            var task = await tasks.FindAsync(id, ct);
            if (task is null)
            {
                return Error.NotFound("Task").Problem();
            }

            if (task.State != TaskState.Completed || task.Kind != ThreatLookupTaskParameters.Kind)
            {
                return new Error("no_result", $"The task is {task.State}; only a completed Threat Lookup task has a result.", ErrorKind.Conflict).Problem();
            }

            var observable = Observable.ParseKey(ThreatLookupTaskParameters.FromJson(task.Parameters).Key);
            return observable.Value is { } o ? (await details.FindAsync(o, ct)).ToOk(ObservableDto.From) : observable.Error!.Problem();
        });

        api.MapGet("/settings/threat-lookup/quota", async Task<Ok<QuotaStatus>> (ThreatLookupSettingsService settings, QuotaService quota, CancellationToken ct) =>
                TypedResults.Ok(await quota.GetAsync(LookupService.Terms(await settings.GetAsync(ct)), ct)))
            .WithSummary("Requests left in the licence period, the period end, and TIP's own daily counters from the last answer.");
        return api;
    }

    private static List<string>? Split(string? sections) =>
        sections?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
