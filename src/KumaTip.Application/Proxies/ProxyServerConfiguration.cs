using KumaTip.Application.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Proxies;

internal sealed class ProxyServerConfiguration : IEntityTypeConfiguration<ProxyServer>
{
    public void Configure(EntityTypeBuilder<ProxyServer> builder)
    {
        builder.ConfigureSealedResource("ProxyServers");
        builder.Property(p => p.Url).HasMaxLength(ProxyServer.MaxUrlLength);
        builder.Property(p => p.Bypass).HasMaxLength(ProxyServer.MaxBypassLength);
        builder.Ignore(p => p.BypassEntries);
    }
}
