using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.ThreatLookup.Cache;

internal sealed class ObservableCacheEntryConfiguration : IEntityTypeConfiguration<ObservableCacheEntry>
{
    public void Configure(EntityTypeBuilder<ObservableCacheEntry> builder)
    {
        builder.ToTable("ObservableCache");
        builder.Property(e => e.Key).HasMaxLength(2100);
        builder.Property(e => e.TipType).HasMaxLength(16);
        builder.Property(e => e.Value).HasMaxLength(2100);
        builder.HasIndex(e => e.Key).IsUnique();
        // Storing an answer is refused when another task took the lease meanwhile (ours lapsed).
        builder.Property(e => e.FetchOwner).IsConcurrencyToken();
        // Each task heartbeat renews the leases of its task: few rows, found without a scan.
        builder.HasIndex(e => e.FetchOwner).HasFilter("\"FetchOwner\" IS NOT NULL");
        builder.HasMany(e => e.Sections).WithOne().HasForeignKey(s => s.EntryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Aliases).WithOne().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CachedSectionConfiguration : IEntityTypeConfiguration<CachedSection>
{
    public void Configure(EntityTypeBuilder<CachedSection> builder)
    {
        builder.ToTable("ObservableCacheSections");
        builder.HasKey(s => new { s.EntryId, s.Name });
        builder.Property(s => s.Name).HasMaxLength(64);
    }
}

internal sealed class ObservableAliasConfiguration : IEntityTypeConfiguration<ObservableAlias>
{
    public void Configure(EntityTypeBuilder<ObservableAlias> builder)
    {
        builder.ToTable("ObservableAliases");
        builder.HasKey(a => a.Key);
        builder.Property(a => a.Key).HasMaxLength(2100);
        builder.HasIndex(a => a.EntryId);
    }
}
