using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Lookups;
using KumaTip.Application.ThreatLookup.Quota;
using KumaTip.Application.ThreatLookup.Settings;
using KumaTip.Application.ThreatLookup.Tip;
using KumaTip.Web.Localization;
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

public record ObservableDto(
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

/// <summary>A completed lookup task's result: the observable as cached now, and what that task fetched.</summary>
public sealed record TaskResultDto : ObservableDto
{
    private TaskResultDto(ObservableDto observable, TaskFetchDto fetchedByTask)
        : base(observable) => FetchedByTask = fetchedByTask;

    public TaskFetchDto FetchedByTask { get; }

    public static TaskResultDto From(LookupTaskResult r) => new(
        ObservableDto.From(r.Details),
        new TaskFetchDto(r.Task.Id, r.Task.FinishedAt, r.Fetched?.Groups, r.Fetched?.ObtainedAt, r.Fetched?.RequestsSent, r.Fetched?.NotFound ?? r.Details.NotFound, r.NewerInCache));
}

/// <summary>
/// What the task fetched: its data groups (empty when the cache already held them; null for a task of an older version,
/// which did not record them), when they were obtained, the requests it spent, and whether the cache has newer data since.
/// </summary>
public sealed record TaskFetchDto(
    Guid TaskId, DateTimeOffset? FinishedAt, IReadOnlyList<string>? Groups, DateTimeOffset? ObtainedAt, int? RequestsSent, bool NotFound, bool NewerInCache);

/// <summary><c>POST /lookups/bulk</c>: up to 100 observables; <c>checkOnly</c> costs them without queueing anything.</summary>
public sealed record BulkLookupBody(IReadOnlyList<string?>? Values, Guid? TenantId, bool? SkipInvalid, bool? CheckOnly);

public sealed record BulkLookupDto(bool Queued, int Cost, QuotaStatus Quota, IReadOnlyList<BulkLineDto> Lines)
{
    public static BulkLookupDto From(BulkPlan plan, CurrentUser user) =>
        new(plan.Queued, plan.Cost, plan.Quota, [.. plan.Lines.Select(l => BulkLineDto.From(l, user))]);
}

/// <summary>
/// One line: its number in the input, what it is (<c>status</c>), the observable it names, and once queued the task
/// (<c>task</c>, <c>joined</c>) or why it was not (<c>error</c>, <c>message</c>).
/// </summary>
public sealed record BulkLineDto(
    int Line, string Input, BulkLineStatus Status, string? Key, string? Type, string? Value, int? DuplicateOf, string? Error, string? Message, TaskDto? Task, bool? Joined)
{
    public static BulkLineDto From(BulkLine l, CurrentUser user)
    {
        var queued = l.Result as LookupResult.Queued;
        return new(
            l.Number, l.Input, l.Status, l.Observable?.Key, l.Observable?.TipType, l.Observable?.Value, l.DuplicateOf, l.Error?.Code, l.Error?.Message,
            queued is null ? null : TaskDto.From(queued.Task, user), queued?.Joined);
    }
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
                LookupRequestBody body, LookupService lookups, CurrentUser user, ServiceErrorTranslator errors, HttpResponse response, CancellationToken ct) =>
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
                    _ => Refused(result.Error!, errors, response),
                };
            })
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("200 with the cached entry when the cache answers (free); otherwise 202 with the Threat Lookup task (queued or joined).");

        api.MapPost("/lookups/bulk", async Task<Results<Ok<BulkLookupDto>, ProblemHttpResult>> (
                BulkLookupBody body, BulkLookups bulk, CurrentUser user, CancellationToken ct) =>
            {
                var plan = await bulk.PlanAsync(body.Values ?? [], ct);
                if (body.CheckOnly ?? false)
                {
                    return TypedResults.Ok(BulkLookupDto.From(plan, user));
                }

                var queued = await bulk.QueueAsync(plan, body.TenantId, body.SkipInvalid ?? false, ct);
                if (queued.Value is { } done)
                {
                    return TypedResults.Ok(BulkLookupDto.From(done, user));
                }

                // Nothing was queued: the problem names every line, as the check does.
                var problem = ApiProblems.Create(queued.Error!);
                problem.Extensions["lines"] = BulkLookupDto.From(plan, user).Lines;
                return TypedResults.Problem(problem);
            })
            .WithSummary("Up to 100 observables at once: each one the cache lacks is requested as POST /lookups would (one request each). "
                         + "Nothing is queued while a line is not an observable (unless skipInvalid) or the requests left do not suffice; checkOnly only costs them.");

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

        api.MapGet("/tasks/{id:guid}/result", async Task<Results<Ok<TaskResultDto>, ProblemHttpResult>> (Guid id, LookupTaskResults results, CancellationToken ct) =>
                (await results.FindAsync(id, ct)).ToOk(TaskResultDto.From))
            .WithSummary("A completed Threat Lookup task's observable as cached now, and what that task fetched (fetchedByTask).");

        api.MapGet("/settings/threat-lookup/quota", async Task<Ok<QuotaStatus>> (ThreatLookupSettingsService settings, QuotaService quota, CancellationToken ct) =>
                TypedResults.Ok(await quota.GetAsync(LookupService.Terms(await settings.GetAsync(ct)), ct)))
            .WithSummary("Requests left in the licence period, the period end, and TIP's own daily counters from the last answer.");
        return api;
    }

    /// <summary>A refusal in the caller's language; a spent limit says when to come back (<c>Retry-After</c>).</summary>
    public static ProblemHttpResult Refused(Error error, ServiceErrorTranslator errors, HttpResponse response)
    {
        response.SetRetryAfter(error);
        return error.TranslatedBy(errors).Problem();
    }

    private static List<string>? Split(string? sections) =>
        sections?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
