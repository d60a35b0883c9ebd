using System.Globalization;
using System.Text.Json;
using KumaTip.Application.Observables;
using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.Events.Queries;

/// <summary>Everything about one event: its fields in KUMA's order, the other fields, and its observables.</summary>
public sealed record EventDetails(
    Event Event,
    string TenantName,
    IReadOnlyList<EventField> Fields,
    IReadOnlyList<EventField> ExtraFields,
    IReadOnlyList<FoundObservable> Observables)
{
    /// <summary>Zones known per observable key (empty until the Threat Lookup cache is joined in).</summary>
    public IReadOnlyDictionary<string, TipZone> Zones { get; init; } = new Dictionary<string, TipZone>();

    /// <summary>The observables found in one field, in the order they appear.</summary>
    public IEnumerable<Observable> ObservablesOf(string field) =>
        Observables.Where(o => o.Field == field).Select(o => o.Observable);
}

/// <summary>
/// A field name and its value as text (JSON for structured other fields); a time field keeps its time too, so that a
/// page can write it on the reader's clock.
/// </summary>
public sealed record EventField(string Name, string Value)
{
    public DateTimeOffset? Time { get; init; }

    public static EventField OfTime(string name, DateTimeOffset time) =>
        new(name, time.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)) { Time = time };

    public static IReadOnlyList<EventField> FromExtra(string? extraJson)
    {
        if (string.IsNullOrEmpty(extraJson))
        {
            return [];
        }

        using var document = JsonDocument.Parse(extraJson);
        return document.RootElement.EnumerateObject()
            .Select(p => new EventField(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))
            .ToList();
    }
}
