namespace KumaTip.Application.Identity;

/// <summary>
/// Who is acting in this scope: the signed-in user or token holder of a request, or the system for background jobs.
/// Filled once per scope by the web layer (or by a job); services read it for audit and ownership.
/// </summary>
public sealed class CurrentUser
{
    public Guid? Id { get; private set; }

    public string UserName { get; private set; } = "anonymous";

    public IReadOnlySet<string> Roles { get; private set; } = new HashSet<string>();

    public bool IsAuthenticated => Id is not null;

    public bool IsGeneralAdministrator => Roles.Contains(Identity.Roles.GeneralAdministrator);

    public bool IsAdministrator => IsGeneralAdministrator || Roles.Contains(Identity.Roles.TenantAdministrator);

    public void Set(Guid id, string userName, IEnumerable<string> roles)
    {
        Id = id;
        UserName = userName;
        Roles = roles.ToHashSet();
    }

    public void SetSystem(string jobName)
    {
        Id = null;
        UserName = $"system:{jobName}";
        Roles = new HashSet<string> { Identity.Roles.GeneralAdministrator };
    }
}
