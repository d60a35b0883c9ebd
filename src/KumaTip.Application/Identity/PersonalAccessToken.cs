namespace KumaTip.Application.Identity;

/// <summary>A token for API clients, speaking for the user who created it.</summary>
public sealed class PersonalAccessToken : IssuedToken
{
    public Guid UserId { get; set; }
}
