using KumaTip.Application.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Proxies;

internal sealed class ProxyServerConfiguration : IEntityTypeConfiguration<ProxyServer>
{
    public void Configure(EntityTypeBuilder<ProxyServer> builder)
    {
        builder.ToTable("ProxyServers");
        builder.Property(p => p.Name).HasMaxLength(ProxyServer.MaxNameLength);
        builder.Property(p => p.Url).HasMaxLength(ProxyServer.MaxUrlLength);
        builder.Property(p => p.Bypass).HasMaxLength(ProxyServer.MaxBypassLength);
        builder.Property(p => p.Description).HasMaxLength(ProxyServer.MaxDescriptionLength);
        builder.Property(p => p.MasterKeyId).HasMaxLength(64);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.BypassEntries);
        builder.HasIndex(p => new { p.TenantId, p.Name }).IsUnique();
        builder.HasIndex(p => p.MasterKeyId);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(p => p.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
