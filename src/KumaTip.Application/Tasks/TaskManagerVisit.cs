using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KumaTip.Application.Tasks;

/// <summary>
/// When a user last looked at the task manager: his tasks that finished later are the counter beside "Task manager".
/// A table of its own rather than a column on the user, so looking at the task manager does not outdate every
/// in-memory copy of who may do what.
/// </summary>
public sealed class TaskManagerVisit
{
    public Guid UserId { get; set; }

    public DateTimeOffset SeenAt { get; set; }
}

internal sealed class TaskManagerVisitConfiguration : IEntityTypeConfiguration<TaskManagerVisit>
{
    public void Configure(EntityTypeBuilder<TaskManagerVisit> builder)
    {
        builder.ToTable("TaskManagerVisits");
        builder.HasKey(v => v.UserId);
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
