namespace KumaTip.Application.ThreatLookup.Cache;

/// <summary>
/// The right to fetch for one cache entry (<see cref="ObservableCache.TryBeginFetchAsync"/>), held by the task
/// <paramref name="Owner"/>: only it renews, ends or stores under it.
/// <paramref name="Created"/>: the entry was inserted with the lease, so it holds nothing yet.
/// </summary>
public sealed record FetchLease(Guid EntryId, Guid Owner, bool Created);
