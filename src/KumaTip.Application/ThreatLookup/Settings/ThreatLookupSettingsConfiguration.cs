using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.ThreatLookup.Settings;

internal sealed class ThreatLookupSettingsConfiguration : IEntityTypeConfiguration<ThreatLookupSettings>
{
    public void Configure(EntityTypeBuilder<ThreatLookupSettings> builder)
    {
        builder.ToTable("ThreatLookupSettings");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.BaseUrl).HasMaxLength(ThreatLookupSettings.MaxUrlLength);
        builder.Property(s => s.PortalUrl).HasMaxLength(ThreatLookupSettings.MaxUrlLength);
        builder.Property(s => s.ExtraCaPem).HasMaxLength(ThreatLookupSettings.MaxExtraCaPemLength);
        builder.Property(s => s.UpdatedBy).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();

        // The services refuse to delete a secret or proxy in use with a message saying where; the keys are the backstop.
        builder.HasOne<Secret>().WithMany().HasForeignKey(s => s.SecretId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProxyServer>().WithMany().HasForeignKey(s => s.ProxyId).OnDelete(DeleteBehavior.Restrict);
    }
}
