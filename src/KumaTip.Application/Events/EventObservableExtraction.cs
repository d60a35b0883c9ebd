using KumaTip.Application.Observables;

namespace KumaTip.Application.Events;

/// <summary>An observable found in an event, and the field it was found in.</summary>
public sealed record FoundObservable(string Field, Observable Observable);

/// <summary>
/// Which observables an event carries, field by field. Ingestion indexes them; the event information view runs the
/// same extraction to show every one of them as a link, so both always agree.
/// </summary>
/// <remarks>
/// Host names are looked up as domains, so they are parsed as domains (an IP written there is taken as an IP); a
/// single-label name (<c>WS-0042</c>) is an intranet host and skipped. A URL also yields its host, so filtering by a
/// domain finds the proxy events that fetched from it. Values that are not valid observables are skipped: the event
/// is still stored as sent.
/// </remarks>
public static class EventObservableExtraction
{
    // The fields observables are taken from, in the order they are looked at (indexes into Extractors).
    internal const int SourceAddress = 0;
    internal const int SourceHostName = 1;
    internal const int DestinationAddress = 2;
    internal const int DestinationHostName = 3;
    internal const int RequestUrl = 4;
    internal const int FileHash = 5;
    internal const int Message = 6;
    internal const int FieldCount = 7;

    private static readonly FoundObservable[] None = [];

    private static readonly Func<string, FoundObservable[]>[] Extractors =
    [
        value => One(nameof(Event.SourceAddress), Ip(value)),
        value => One(nameof(Event.SourceHostName), Host(value)),
        value => One(nameof(Event.DestinationAddress), Ip(value)),
        value => One(nameof(Event.DestinationHostName), Host(value)),
        value => Url(value) is { } url ? Some(nameof(Event.RequestUrl), url, HostOf(url)) : None,
        value => One(nameof(Event.FileHash), Hash(value)),
        value => Some(nameof(Event.Message), ObservableExtractor.FromText(value)),
    ];

    public static IReadOnlyList<FoundObservable> Extract(Event e) => Extract(e, memo: null);

    /// <param name="memo">What was found in values seen before in the same batch, or null.</param>
    public static IReadOnlyList<FoundObservable> Extract(Event e, ExtractionMemo? memo)
    {
        var found = new List<FoundObservable>();
        found.AddRange(FromField(SourceAddress, e.SourceAddress, memo));
        found.AddRange(FromField(SourceHostName, e.SourceHostName, memo));
        found.AddRange(FromField(DestinationAddress, e.DestinationAddress, memo));
        found.AddRange(FromField(DestinationHostName, e.DestinationHostName, memo));
        found.AddRange(FromField(RequestUrl, e.RequestUrl, memo));
        found.AddRange(FromField(FileHash, e.FileHash, memo));
        found.AddRange(FromField(Message, e.Message, memo));
        return found;
    }

    /// <summary>What one field's value yields (an address field: its IP, if it is one).</summary>
    internal static FoundObservable[] FromField(int field, string? value, ExtractionMemo? memo)
    {
        if (value is null)
        {
            return None;
        }

        var extract = Extractors[field];
        return memo is null ? extract(value) : memo.GetOrAdd(field, value, extract);
    }

    /// <summary>The distinct observables of an event (first field wins), as the index stores them.</summary>
    public static IReadOnlyList<FoundObservable> Distinct(IReadOnlyList<FoundObservable> found)
    {
        // An event has a handful of observables: comparing with those kept is cheaper than a hash set per event.
        var kept = new List<FoundObservable>(found.Count);
        foreach (var candidate in found)
        {
            if (!kept.Exists(k => string.Equals(k.Observable.Key, candidate.Observable.Key, StringComparison.Ordinal)))
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    private static FoundObservable[] One(string field, Observable? observable) =>
        Indexable(observable) ? [new FoundObservable(field, observable!)] : None;

    private static FoundObservable[] Some(string field, params IReadOnlyList<Observable?> observables)
    {
        var found = new List<FoundObservable>(observables.Count);
        foreach (var observable in observables)
        {
            if (Indexable(observable))
            {
                found.Add(new FoundObservable(field, observable!));
            }
        }

        return found.Count == 0 ? None : [.. found];
    }

    private static bool Indexable(Observable? observable) => observable is not null && observable.Key.Length <= EventFieldLimits.ObservableKey;

    private static Observable? Ip(string? value) =>
        ObservableParser.Parse(value).Value is { Category: ObservableCategory.Ip } ip ? ip : null;

    private static Observable? Host(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : NotSingleLabel(ObservableParser.Parse(value).Value is { Category: ObservableCategory.Ip } ip
            ? ip
            : ObservableParser.Parse(value, ObservableType.Domain).Value);

    private static Observable? Url(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : ObservableParser.Parse(value, ObservableType.Url).Value;

    private static Observable? HostOf(Observable url)
    {
        if (!Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.IdnHost))
        {
            return null;
        }

        return Host(uri.IdnHost.Trim('[', ']'));
    }

    private static Observable? Hash(string? value) =>
        ObservableParser.Parse(value).Value is { Category: ObservableCategory.Hash } hash ? hash : null;

    private static Observable? NotSingleLabel(Observable? observable) =>
        observable?.ReservedReason?.Code == ReservedDomains.SingleLabelCode ? null : observable;
}
