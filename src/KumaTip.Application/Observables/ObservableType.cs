namespace KumaTip.Application.Observables;

/// <summary>What kind of object an <see cref="Observable"/> is, as precisely as its value tells.</summary>
public enum ObservableType
{
    Ipv4,
    Ipv6,
    Domain,
    Url,
    Md5,
    Sha1,
    Sha256,
}
