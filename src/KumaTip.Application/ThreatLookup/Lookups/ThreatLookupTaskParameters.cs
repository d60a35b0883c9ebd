using System.Text.Json;

namespace KumaTip.Application.ThreatLookup.Lookups;

/// <summary>What a Threat Lookup task fetches: the observable's key and the data groups (no secret, ever).</summary>
public sealed record ThreatLookupTaskParameters(string Key, IReadOnlyList<string> Sections, bool Refresh)
{
    public const string Kind = "ThreatLookup";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ThreatLookupTaskParameters FromJson(string json) =>
        JsonSerializer.Deserialize<ThreatLookupTaskParameters>(json, Json)
        ?? throw new InvalidOperationException("A Threat Lookup task has no parameters.");

    /// <summary>Same observable and groups while a task is queued or running: join it (one upstream request).</summary>
    public string DeduplicationKey => $"tl|{Key}|{string.Join(",", Sections.Order(StringComparer.Ordinal))}|{(Refresh ? "refresh" : "fill")}";
}
