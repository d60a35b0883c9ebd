using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Secrets;

internal sealed class SecretConfiguration : IEntityTypeConfiguration<Secret>
{
    public void Configure(EntityTypeBuilder<Secret> builder)
    {
        builder.ToTable("Secrets");
        builder.Property(s => s.Name).HasMaxLength(Secret.MaxNameLength);
        builder.Property(s => s.Type).HasMaxLength(16);
        builder.Property(s => s.Description).HasMaxLength(Secret.MaxDescriptionLength);
        builder.Property(s => s.MasterKeyId).HasMaxLength(64);
        builder.Property(s => s.CertificateSubject).HasMaxLength(1024);
        builder.Property(s => s.CertificateIssuer).HasMaxLength(1024);
        builder.Property(s => s.CertificateThumbprint).HasMaxLength(64);

        // Two administrators saving the same secret: the second is told instead of silently winning.
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
        builder.HasIndex(s => s.MasterKeyId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
