namespace KumaTip.Application.Events;

/// <summary>
/// What extraction found in each value already seen, field by field, for the events of one batch. Values repeat a
/// lot within a batch (resolvers, gateways, mail relays, popular hosts and URLs, templated messages): the demo
/// batches of 2,000 events hold about 200 distinct destination addresses and 10 distinct destination host names,
/// and parsing each value again was about a sixth of the application's CPU per event ingested, more with the garbage
/// it left (ADR 004). Extraction depends
/// on the value alone, so an answer remembered is the answer. Repeated values also share their observables' strings.
/// </summary>
/// <remarks>Not thread-safe: one memo per batch, used by the thread reading that batch.</remarks>
public sealed class ExtractionMemo
{
    /// <summary>
    /// Values remembered per field; more are extracted without being remembered. Keeps each dictionary's arrays off
    /// the large object heap, whose collections are the expensive ones.
    /// </summary>
    private const int MaxValuesPerField = 2_000;

    private readonly Dictionary<string, FoundObservable[]>?[] _byField = new Dictionary<string, FoundObservable[]>?[EventObservableExtraction.FieldCount];

    internal FoundObservable[] GetOrAdd(int field, string value, Func<string, FoundObservable[]> extract)
    {
        var values = _byField[field] ??= new Dictionary<string, FoundObservable[]>(StringComparer.Ordinal);
        if (values.TryGetValue(value, out var found))
        {
            return found;
        }

        found = extract(value);
        if (values.Count < MaxValuesPerField)
        {
            values.Add(value, found);
        }

        return found;
    }
}
