using Microsoft.AspNetCore.Identity;

namespace KumaTip.Application.Identity;

public sealed class AppUser : IdentityUser<Guid>
{
    public const int MaxUserNameLength = 64;

    /// <summary>What an account may be named: letters, digits and <c>. _ - @</c>, at most <see cref="MaxUserNameLength"/> characters.</summary>
    public static bool IsWellFormedName(string name) =>
        name.Length is > 0 and <= MaxUserNameLength && name.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '-' or '@');

    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The tenants chosen in the header, comma-separated ids; null means "all I may see".</summary>
    public string? TenantSelection { get; set; }

    public List<UserTenant> Tenants { get; set; } = [];
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
    }

    public AppRole(string name)
        : base(name)
    {
    }
}

/// <summary>A tenant given to a user. General administrators need none: they see every tenant.</summary>
public sealed class UserTenant
{
    public Guid UserId { get; set; }

    public Guid TenantId { get; set; }
}

public static class Roles
{
    public const string GeneralAdministrator = "GeneralAdministrator";
    public const string TenantAdministrator = "TenantAdministrator";
    public const string Analyst = "Analyst";

    public static readonly IReadOnlyList<string> All = [GeneralAdministrator, TenantAdministrator, Analyst];

    /// <summary>Either administrator role; used by policies for secrets, proxies, users and audit.</summary>
    public const string Administrators = GeneralAdministrator + "," + TenantAdministrator;
}
