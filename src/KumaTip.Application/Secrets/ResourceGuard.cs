using KumaTip.Application.Common;
using KumaTip.Application.Identity;
using KumaTip.Application.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Secrets;

/// <summary>The access rules shared by secrets and proxy servers: administrators only, and only in their tenants.</summary>
internal static class ResourceGuard
{
    public const string TenantField = "TenantId";

    public static Error? RequireAdministrator(CurrentUser user, string what) =>
        user.IsAdministrator
            ? null
            : new Error("forbidden", $"Only administrators can manage {what}.", ErrorKind.Forbidden);

    /// <summary>
    /// The tenant must exist and be one the user may see. The tenants' query filter decides both, so a tenant of
    /// someone else reads exactly like one that does not exist.
    /// </summary>
    public static async Task<Error?> RequireTenantAsync(AppDbContext db, Guid? tenantId, CancellationToken ct)
    {
        if (tenantId is not { } id || id == Guid.Empty)
        {
            return Error.Invalid(TenantField, "Choose a tenant.");
        }

        return await db.Tenants.AnyAsync(t => t.Id == id, ct)
            ? null
            : new Error("tenant_not_found", "The tenant was not found.", ErrorKind.NotFound) { Field = TenantField };
    }

    public static Task<Dictionary<Guid, string>> TenantNamesAsync(AppDbContext db, CancellationToken ct) =>
        db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

    public static Error? CheckText(string? value, string field, string label, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? Error.Invalid(field, $"{label} is required.") : null;
        }

        return value.Trim().Length > maxLength
            ? Error.Invalid(field, $"{label} must be at most {maxLength} characters.")
            : null;
    }

    public static Error ChangedMeanwhile(string what) => new(
        "changed_meanwhile", $"The {what} was changed by someone else meanwhile. Open it again and repeat your change.", ErrorKind.Conflict);

    /// <summary>Sets a field when the wanted value differs, and names it for the audit entry.</summary>
    public static void Change<T>(List<string> changed, string field, T current, T wanted, Action<T> set)
    {
        if (!EqualityComparer<T>.Default.Equals(current, wanted))
        {
            set(wanted);
            changed.Add(field);
        }
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
