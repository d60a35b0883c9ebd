using System.Net;
using KumaTip.Application.Proxies;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// The chosen proxy server: its address, its credentials (sent when the proxy answers 407) and a bypass list that
/// understands wildcards and networks, which <see cref="WebProxy"/>'s regular expressions do not.
/// </summary>
public sealed class TipWebProxy(Uri address, BypassList bypass, ICredentials? credentials) : IWebProxy
{
    public Uri Address { get; } = address;

    public ICredentials? Credentials { get; set; } = credentials;

    public static TipWebProxy From(ProxyConnection proxy, BypassList bypass) =>
        new(proxy.Url, bypass, proxy.UserName is { Length: > 0 } user ? new NetworkCredential(user, proxy.Password) : null);

    /// <summary>Null when <paramref name="destination"/> goes direct: the handler then connects to it itself.</summary>
    public Uri? GetProxy(Uri destination) => IsBypassed(destination) ? null : Address;

    public bool IsBypassed(Uri host) => bypass.Matches(host);

    public override string ToString() => $"TipWebProxy {{ Address = {Address} }}";
}
