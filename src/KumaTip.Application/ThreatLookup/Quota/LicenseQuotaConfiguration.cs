using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.ThreatLookup.Quota;

internal sealed class LicenseQuotaConfiguration : IEntityTypeConfiguration<LicenseQuota>
{
    public void Configure(EntityTypeBuilder<LicenseQuota> builder)
    {
        builder.ToTable("LicenseQuota");
        builder.Property(q => q.Id).ValueGeneratedNever();
        builder.Property(q => q.AccessType).HasMaxLength(32);
        builder.HasData(new LicenseQuota());
    }
}
