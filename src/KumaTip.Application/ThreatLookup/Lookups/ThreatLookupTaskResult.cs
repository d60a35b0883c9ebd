using System.Text.Json;
using KumaTip.Application.Observables;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>
/// What a completed Threat Lookup task did: the data groups it fetched (none when the cache had them by the time it
/// ran), when they were obtained, whether TIP knew the object, and how many licence requests it spent. Show result
/// reads it to say what that task brought, as the cache itself keeps only the newest data.
/// </summary>
public sealed record ThreatLookupTaskResult(
    string Key, string Type, string Value, int RequestsSent, IReadOnlyList<string>? Groups = null, DateTimeOffset? ObtainedAt = null, bool NotFound = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ThreatLookupTaskResult Of(Observable observable, int requestsSent, IReadOnlyList<string> groups, DateTimeOffset? obtainedAt, bool notFound = false) =>
        new(observable.Key, observable.TipType, observable.Value, requestsSent, groups, obtainedAt, notFound);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Null for a task that recorded no result. Tasks of older versions recorded no groups (<see cref="Groups"/> null).</summary>
    public static ThreatLookupTaskResult? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<ThreatLookupTaskResult>(json, Json);
}
