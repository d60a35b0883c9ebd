using KumaTip.Application.Audit;
using KumaTip.Application.Common;
using KumaTip.Application.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KumaTip.Application.Identity;

/// <summary>What the form and the API send to create or change a user.</summary>
/// <param name="UserName">Fixed once created: a change keeps the stored one.</param>
/// <param name="Password">Only for a new user; a change of password is <see cref="UserService.ResetPasswordAsync"/>.</param>
public sealed record UserInput(string? UserName = null, string? Email = null, string? Role = null, IReadOnlyList<Guid>? TenantIds = null, string? Password = null)
{
    public override string ToString() => $"UserInput {{ UserName = {UserName}, Role = {Role} }}";
}

public sealed record UserSummary(Guid Id, string UserName, string? Email, string Role, bool IsDisabled, bool IsLockedOut, IReadOnlyList<Guid> TenantIds);

/// <summary>User administration: create, change role and tenants, disable, reset password. General administrators only.</summary>
public sealed class UserService(AppDbContext db, UserManager<AppUser> users, CurrentUser current, AuditLog audit, TimeProvider time, TokenService tokens)
{
    public Task<List<UserSummary>> ListAsync(CancellationToken ct) => SummariesAsync(null, ct);

    public async Task<UserSummary?> FindAsync(Guid id, CancellationToken ct) => (await SummariesAsync(id, ct)).FirstOrDefault();

    /// <summary>All users, or the one with <paramref name="id"/> (one query for users, one for their roles).</summary>
    private async Task<List<UserSummary>> SummariesAsync(Guid? id, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking().Include(u => u.Tenants).Where(u => id == null || u.Id == id);
        var all = await users.OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           where id == null || ur.UserId == id
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var now = time.GetUtcNow();
        return all.Select(u => new UserSummary(
            u.Id,
            u.UserName!,
            u.Email,
            roles.FirstOrDefault(r => r.UserId == u.Id)?.Name ?? Roles.Analyst,
            u.IsDisabled,
            u.LockoutEnd > now,
            u.Tenants.Select(t => t.TenantId).ToList())).ToList();
    }

    public async Task<Result<UserSummary>> CreateAsync(UserInput input, CancellationToken ct)
    {
        if (Authorize() is { } forbidden)
        {
            return forbidden;
        }

        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        var userName = input.UserName!.Trim();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return new Error("user_exists", $"A user named '{userName}' already exists.", ErrorKind.Conflict) { Field = "UserName" };
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            return Error.Invalid("Password", "Password is required.");
        }

        var user = new AppUser
        {
            Id = Guid.NewGuid(),
            UserName = userName,
            Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim(),
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
            Tenants = (input.TenantIds ?? []).Distinct().Select(t => new UserTenant { TenantId = t }).ToList(),
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user, input.Password);
        if (!created.Succeeded)
        {
            return IdentityError(created);
        }

        await users.AddToRoleAsync(user, input.Role!);
        audit.Record(AuditActions.Create, "User", user.Id.ToString(), user.UserName, null, ["UserName", "Email", "Role", "Tenants", "Password"]);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await FindAsync(user.Id, ct))!;
    }

    public async Task<Result<UserSummary>> UpdateAsync(Guid id, UserInput input, CancellationToken ct)
    {
        if (Authorize() is { } forbidden)
        {
            return forbidden;
        }

        var user = await db.Users.Include(u => u.Tenants).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("User");
        }

        input = input with { UserName = user.UserName };
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        var changed = new List<string>();
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (user.Email != email)
        {
            user.Email = email;
            changed.Add("Email");
        }

        var newTenants = (input.TenantIds ?? []).Distinct().ToHashSet();
        if (!newTenants.SetEquals(user.Tenants.Select(t => t.TenantId)))
        {
            user.Tenants.RemoveAll(t => !newTenants.Contains(t.TenantId));
            foreach (var tenantId in newTenants.Where(t => user.Tenants.All(x => x.TenantId != t)))
            {
                user.Tenants.Add(new UserTenant { UserId = user.Id, TenantId = tenantId });
            }

            user.TenantSelection = null;
            changed.Add("Tenants");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var currentRoles = await users.GetRolesAsync(user);
        if (!currentRoles.SequenceEqual([input.Role!]))
        {
            if (user.Id == current.Id && input.Role != Roles.GeneralAdministrator)
            {
                return new Error("cannot_demote_self", "You cannot take the General administrator role from yourself.", ErrorKind.Conflict) { Field = "Role" };
            }

            await users.RemoveFromRolesAsync(user, currentRoles);
            await users.AddToRoleAsync(user, input.Role!);
            await tokens.RevokeAllAsync(user.Id, ct); // a token must not keep the powers of a role taken away
            changed.Add("Role");
        }

        audit.Record(AuditActions.Update, "User", user.Id.ToString(), user.UserName, null, changed);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (await FindAsync(user.Id, ct))!;
    }

    public async Task<Result> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct)
    {
        if (Authorize() is { } forbidden)
        {
            return forbidden;
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return Error.NotFound("User");
        }

        if (user.Id == current.Id && disabled)
        {
            return new Error("cannot_disable_self", "You cannot disable your own account.", ErrorKind.Conflict);
        }

        user.IsDisabled = disabled;
        // A new security stamp ends the user's cookie sessions at their next validation.
        user.SecurityStamp = Guid.NewGuid().ToString();
        if (disabled)
        {
            await tokens.RevokeAllAsync(user.Id, ct); // and stay revoked if the account is enabled again
        }

        audit.Record(AuditActions.Update, "User", user.Id.ToString(), user.UserName, null, ["IsDisabled"]);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> ResetPasswordAsync(Guid id, string? newPassword, CancellationToken ct)
    {
        if (Authorize() is { } forbidden)
        {
            return forbidden;
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Error.NotFound("User");
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            return Error.Invalid("Password", "Password is required.");
        }

        await tokens.RevokeAllAsync(user.Id, ct); // saved with the new password, by the reset below
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return IdentityError(reset);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        audit.Record(AuditActions.Update, "User", user.Id.ToString(), user.UserName, null, ["Password"]);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private Error? Authorize() =>
        current.IsGeneralAdministrator
            ? null
            : new Error("forbidden", "Only a General administrator can manage users.", ErrorKind.Forbidden);

    private async Task<Error?> ValidateAsync(UserInput input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.UserName))
        {
            return Error.Invalid("UserName", "User name is required.");
        }

        var userName = input.UserName.Trim();
        if (userName.Length > AppUser.MaxUserNameLength)
        {
            return Error.Invalid("UserName", $"User name must be at most {AppUser.MaxUserNameLength} characters.");
        }

        if (!AppUser.IsWellFormedName(userName))
        {
            return Error.Invalid("UserName", "User name may contain letters, digits and . _ - @ only.");
        }

        if (input.Email is { Length: > 256 })
        {
            return Error.Invalid("Email", "E-mail must be at most 256 characters.");
        }

        if (input.Role is null || !Roles.All.Contains(input.Role))
        {
            return Error.Invalid("Role", "Choose a role: GeneralAdministrator, TenantAdministrator or Analyst.");
        }

        var tenantIds = input.TenantIds ?? [];
        if (input.Role != Roles.GeneralAdministrator && tenantIds.Count == 0)
        {
            return Error.Invalid("TenantIds", "Give the user at least one tenant.");
        }

        var known = await db.Tenants.Where(t => tenantIds.Contains(t.Id)).CountAsync(ct);
        if (known != tenantIds.Distinct().Count())
        {
            return Error.Invalid("TenantIds", "One of the chosen tenants does not exist.");
        }

        return null;
    }

    private static Error IdentityError(IdentityResult result) =>
        Error.Invalid(
            result.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "Password" : "UserName",
            string.Join(" ", result.Errors.Select(e => e.Description)));
}
