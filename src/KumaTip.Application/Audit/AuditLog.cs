using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;

namespace KumaTip.Application.Audit;

public static class AuditActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Cancel = "cancel";
    public const string Restart = "restart";
    public const string Test = "test";
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
        IEnumerable<string>? changedFields = null,
        (Guid Id, string UserName)? by = null)
    {
        var fields = changedFields?.ToList();
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            // By someone else than the request's user only when the request just proved to be him (a password for a token).
            UserId = by?.Id ?? user.Id,
            UserName = by?.UserName ?? user.UserName,
            TenantId = tenantId,
            ObjectType = objectType,
            ObjectId = objectId,
            ObjectName = objectName,
            Action = action,
            ChangedFields = fields is { Count: > 0 } ? string.Join(",", fields) : null,
        });
    }

    /// <summary>Records an action that changed nothing else to save with it (a task cancelled, a connection tested), and saves.</summary>
    public Task RecordNowAsync(string action, string objectType, string objectId, string? objectName, Guid? tenantId, CancellationToken ct)
    {
        Record(action, objectType, objectId, objectName, tenantId);
        return db.SaveChangesAsync(ct);
    }
}
