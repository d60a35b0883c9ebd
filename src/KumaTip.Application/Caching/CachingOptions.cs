using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Caching.Memory;

namespace KumaTip.Application.Caching;

/// <summary>
/// The <c>Caching</c> section: in-memory copies of what every request reads (token and user checks, the Threat
/// Lookup settings, cached Threat Lookup answers). A change made through KumaTip invalidates them at once in
/// every instance; <see cref="Lifetime"/> only bounds a copy should a change bypass KumaTip or a notification be lost.
/// </summary>
public sealed class CachingOptions
{
    public const string Section = "Caching";

    /// <summary>0 turns in-memory copies off: every request reads the database.</summary>
    [Range(0, 3600)]
    public int LifetimeSeconds { get; set; } = 60;

    /// <summary>Copies kept at most by each in-memory cache.</summary>
    [Range(1, 1_000_000)]
    public int Capacity { get; set; } = 10_000;

    /// <summary>What one copy counts against a cache's size limit: every cache counts copies, not bytes.</summary>
    public static readonly MemoryCacheEntryOptions OneEntry = new() { Size = 1 };

    public bool Enabled => LifetimeSeconds > 0;

    public TimeSpan Lifetime => TimeSpan.FromSeconds(LifetimeSeconds);
}
