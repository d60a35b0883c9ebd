using KumaTip.Application.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Secrets;

internal sealed class SecretConfiguration : IEntityTypeConfiguration<Secret>
{
    public void Configure(EntityTypeBuilder<Secret> builder)
    {
        builder.ConfigureSealedResource("Secrets");
        builder.Property(s => s.Type).HasMaxLength(16);
        builder.Property(s => s.CertificateSubject).HasMaxLength(1024);
        builder.Property(s => s.CertificateIssuer).HasMaxLength(1024);
        builder.Property(s => s.CertificateThumbprint).HasMaxLength(64);
    }
}
