using KumaTip.Application.ThreatLookup.Tip;

namespace KumaTip.Application.ThreatLookup.Cache;

/// <summary>
/// What KumaTip knows from TIP about one observable: shared by all tenants (who asked, and from which tenant, is on
/// the task). One entry per object; a file's MD5, SHA1 and SHA256 are aliases of one entry.
/// </summary>
public sealed class ObservableCacheEntry
{
    public Guid Id { get; set; }

    /// <summary>The normalised key it was first looked up by, e.g. <c>url:http://dd.daywinners.com/d/VFZvqeP-V1ffkQ.exe</c>.</summary>
    public required string Key { get; set; }

    /// <summary>The TIP path type: hash, ip, domain, url.</summary>
    public required string TipType { get; set; }

    /// <summary>The value sent to TIP (normalised).</summary>
    public required string Value { get; set; }

    public TipZone Zone { get; set; }

    /// <summary>TIP answered 404: it knows nothing about the object (cached, with a shorter freshness).</summary>
    public bool NotFound { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>
    /// When a lookup last asked for it (answered from here or fetched), to the hour; entries unused for
    /// <c>Retention:DropUnusedCacheEntriesAfter</c> are dropped. Null on entries older than the column: their
    /// <see cref="UpdatedAt"/> counts instead.
    /// </summary>
    public DateTimeOffset? LastUsedAt { get; set; }

    /// <summary>While set and in the future, one worker is fetching for this entry; others wait (one upstream request).</summary>
    public DateTimeOffset? FetchingUntil { get; set; }

    /// <summary>The task holding the fetch lease; set and cleared with <see cref="FetchingUntil"/>.</summary>
    public Guid? FetchOwner { get; set; }

    public List<CachedSection> Sections { get; set; } = [];

    public List<ObservableAlias> Aliases { get; set; } = [];
}

/// <summary>One data group of an entry, with the time it was obtained and its raw JSON.</summary>
public sealed class CachedSection
{
    public Guid EntryId { get; set; }

    public required string Name { get; set; }

    public required string Json { get; set; }

    public DateTimeOffset ObtainedAt { get; set; }
}

/// <summary>Another key of the same object (a file's other hashes); lookups by any alias find the entry.</summary>
public sealed class ObservableAlias
{
    public required string Key { get; set; }

    public Guid EntryId { get; set; }
}
