namespace KumaTip.Application.Observables;

/// <summary>
/// The four kinds the Threat Intelligence Portal distinguishes: each has its own data groups and its own
/// <c>/api/{type}/</c> path. MD5, SHA1 and SHA256 are all <see cref="Hash"/>; IPv4 and IPv6 are both <see cref="Ip"/>.
/// </summary>
public enum ObservableCategory
{
    Ip,
    Domain,
    Url,
    Hash,
}
