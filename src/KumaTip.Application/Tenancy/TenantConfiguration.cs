using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Tenancy;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(Tenant.MaxNameLength);
        builder.Property(t => t.Description).HasMaxLength(4000);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.Property(t => t.RetentionDays).HasDefaultValue(Tenant.DefaultRetentionDays);
    }
}
