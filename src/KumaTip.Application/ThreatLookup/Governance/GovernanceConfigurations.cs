using KumaTip.Application.Identity;
using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.ThreatLookup.Governance;

internal sealed class LicenceAllocationConfiguration : IEntityTypeConfiguration<LicenceAllocation>
{
    public void Configure(EntityTypeBuilder<LicenceAllocation> builder)
    {
        builder.ToTable("LicenceAllocation");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.UpdatedBy).HasMaxLength(AppUser.MaxUserNameLength);
        builder.HasData(new LicenceAllocation());
    }
}

internal sealed class TenantLicenceShareConfiguration : IEntityTypeConfiguration<TenantLicenceShare>
{
    public void Configure(EntityTypeBuilder<TenantLicenceShare> builder)
    {
        builder.ToTable("TenantLicenceShares");
        builder.HasKey(s => s.TenantId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LicenceCounterConfiguration : IEntityTypeConfiguration<LicenceCounter>
{
    public void Configure(EntityTypeBuilder<LicenceCounter> builder)
    {
        builder.ToTable("LicenceCounters");
        builder.HasKey(c => new { c.Kind, c.OwnerId, c.Period });
    }
}

internal sealed class LicenceSpendingConfiguration : IEntityTypeConfiguration<LicenceSpending>
{
    public void Configure(EntityTypeBuilder<LicenceSpending> builder)
    {
        builder.ToTable("LicenceSpending");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.UserName).HasMaxLength(AppUser.MaxUserNameLength);
        builder.HasIndex(s => new { s.Day, s.TenantId });
        builder.HasIndex(s => new { s.Period, s.TenantId });
    }
}
