using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Tasks;

internal sealed class TaskItemConfiguration : IEntityTypeConfiguration<TaskItem>
{
    public void Configure(EntityTypeBuilder<TaskItem> builder)
    {
        builder.ToTable("Tasks");
        builder.Property(t => t.Kind).HasMaxLength(64);
        builder.Property(t => t.Title).HasMaxLength(TaskItem.MaxTitleLength);
        builder.Property(t => t.Parameters).HasMaxLength(16_000);
        builder.Property(t => t.DeduplicationKey).HasMaxLength(1024);
        builder.Property(t => t.CreatedByName).HasMaxLength(256);
        builder.Property(t => t.LeaseOwner).HasMaxLength(128);
        builder.Property(t => t.Error).HasMaxLength(4000);
        builder.Property(t => t.Result).HasMaxLength(16_000);
        builder.Property(t => t.TraceParent).HasMaxLength(64);
        builder.Ignore(t => t.IsFinished);

        // The claim query: the oldest available queued task.
        builder.HasIndex(t => new { t.State, t.AvailableAt });
        // The task manager: newest first per tenant.
        builder.HasIndex(t => new { t.TenantId, t.CreatedAt });
        // The counter beside "Task manager": a user's tasks finished since he last looked.
        builder.HasIndex(t => new { t.CreatedById, t.FinishedAt });
        // What changed since the last push to the task manager's live views (TaskChangeFeed).
        builder.HasIndex(t => t.UpdatedAt);
        // At most one active task per tenant and deduplication key, enforced by the database (same filter text on both providers).
        builder.HasIndex(t => new { t.TenantId, t.DeduplicationKey }).IsUnique().HasFilter("\"State\" IN (0, 1) AND \"DeduplicationKey\" IS NOT NULL");
    }
}
