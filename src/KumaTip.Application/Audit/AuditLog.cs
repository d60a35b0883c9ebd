using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;

namespace KumaTip.Application.Audit;

public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
}

/// <summary>Adds audit entries to the current unit of work, so a change and its record are saved together or not at all.</summary>
public sealed class AuditLog(AppDbContext db, CurrentUser user, TimeProvider time)
{
    public void Record(
        string action,
        string objectType,
        string objectId,
        string? objectName,
        Guid? tenantId,
        IEnumerable<string>? changedFields = null)
    {
        var fields = changedFields?.ToList();
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            UserId = user.Id,
            UserName = user.UserName,
            TenantId = tenantId,
            ObjectType = objectType,
            ObjectId = objectId,
            ObjectName = objectName,
            Action = action,
            ChangedFields = fields is { Count: > 0 } ? string.Join(",", fields) : null,
        });
    }
}
