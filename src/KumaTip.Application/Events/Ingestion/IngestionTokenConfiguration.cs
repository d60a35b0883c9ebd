using KumaTip.Application.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Events.Ingestion;

internal sealed class IngestionTokenConfiguration : IEntityTypeConfiguration<IngestionToken>
{
    public void Configure(EntityTypeBuilder<IngestionToken> builder)
    {
        builder.ToTable("IngestionTokens");
        builder.IsIssuedToken();
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasIndex(t => t.TenantId);
        builder.HasOne<Tenancy.Tenant>().WithMany().HasForeignKey(t => t.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
