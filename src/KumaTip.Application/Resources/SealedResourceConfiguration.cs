using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Resources;

internal static class SealedResourceConfiguration
{
    /// <summary>The table of a sealed resource: its name unique within its tenant, its version a concurrency token.</summary>
    public static void ConfigureSealedResource<T>(this EntityTypeBuilder<T> builder, string table)
        where T : SealedResource
    {
        builder.ToTable(table);
        builder.Property(r => r.Name).HasMaxLength(SealedResource.MaxNameLength);
        builder.Property(r => r.Description).HasMaxLength(SealedResource.MaxDescriptionLength);
        builder.Property(r => r.MasterKeyId).HasMaxLength(64);

        // Two administrators saving the same resource: the second is told instead of silently winning.
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.TenantId, r.Name }).IsUnique();
        builder.HasIndex(r => r.MasterKeyId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
