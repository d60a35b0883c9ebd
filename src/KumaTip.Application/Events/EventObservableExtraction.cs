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
    public static IReadOnlyList<FoundObservable> Extract(Event e)
    {
        var found = new List<FoundObservable>();
        Add(found, nameof(Event.SourceAddress), Ip(e.SourceAddress));
        Add(found, nameof(Event.SourceHostName), Host(e.SourceHostName));
        Add(found, nameof(Event.DestinationAddress), Ip(e.DestinationAddress));
        Add(found, nameof(Event.DestinationHostName), Host(e.DestinationHostName));
        if (Url(e.RequestUrl) is { } url)
        {
            Add(found, nameof(Event.RequestUrl), url);
            Add(found, nameof(Event.RequestUrl), HostOf(url));
        }

        Add(found, nameof(Event.FileHash), Hash(e.FileHash));
        foreach (var observable in ObservableExtractor.FromText(e.Message))
        {
            Add(found, nameof(Event.Message), observable);
        }

        return found;
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

    private static void Add(List<FoundObservable> found, string field, Observable? observable)
    {
        if (observable is not null && observable.Key.Length <= EventFieldLimits.ObservableKey)
        {
            found.Add(new FoundObservable(field, observable));
        }
    }

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
