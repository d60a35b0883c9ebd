using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.ObjectType).HasMaxLength(64);
        builder.Property(e => e.ObjectId).HasMaxLength(64);
        builder.Property(e => e.ObjectName).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(32);
        builder.Property(e => e.ChangedFields).HasMaxLength(2000);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.ObjectType, e.At });
        builder.HasIndex(e => new { e.UserName, e.At });
    }
}
