using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using KumaTip.Application.Common;
using Polly.Timeout;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// What an exception from one attempt means: worth retrying or not, how it reads in the list of attempts, and, when
/// retrying cannot help, the error the user sees.
/// </summary>
internal sealed record TipFailure(bool IsTransient, string Summary, Error? PermanentError, bool MayBeClientCertificateRefusal = false)
{
    public static TipFailure Of(Exception exception, TipTransport transport, TimeSpan attemptTimeout)
    {
        switch (exception)
        {
            case TimeoutRejectedException:
                return Transient($"timeout after {TipDurations.Seconds(attemptTimeout)}");
            case ClientCertificateRefusedException:
                return TlsFailure(transport);
            case HttpRequestException http when IsTlsRefusal(http):
                return TlsFailure(transport);
            case HttpRequestException { HttpRequestError: HttpRequestError.ProxyTunnelError } tunnel:
                return ProxyFailure(tunnel, transport);
            case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                return Transient("host name not found");
            case HttpRequestException http when Find<SocketException>(http) is { SocketErrorCode: SocketError.ConnectionRefused }:
                return Transient("connection refused");
            case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError }:
                return Transient("connection failed");
            case HttpRequestException or IOException:
                // Also how TLS 1.3 shows a refused client certificate: TipHandshakeProbe tells the two apart.
                return new TipFailure(true, "connection reset", null, MayBeClientCertificateRefusal: true);
            default:
                return new TipFailure(false, exception.GetType().Name, null);
        }
    }

    /// <summary>What <see cref="TipHandshakeProbe"/> concluded: TIP closes the connection after the handshake.</summary>
    internal sealed class ClientCertificateRefusedException(Exception inner)
        : Exception("The TIP server closed the connection right after the TLS handshake.", inner);

    private static TipFailure Transient(string summary) => new(true, summary, null);

    private static bool IsTlsRefusal(HttpRequestException exception) => Find<AuthenticationException>(exception) is not null;

    private static TipFailure TlsFailure(TipTransport transport)
    {
        if (transport.Tls.Rejection is { } reason)
        {
            return new TipFailure(false, "server certificate not trusted", new Error(
                "tip_server_certificate_untrusted",
                $"The TIP server's certificate is not trusted ({reason}).",
                ErrorKind.Unavailable)
            {
                RevealsConfiguration = true,
            });
        }

        return new TipFailure(false, "client certificate refused", ClientCertificateRefused(transport));
    }

    public static Error ClientCertificateRefused(TipTransport transport)
    {
        var message = transport.ClientCertificate is { } certificate
            ? $"The TIP server refused the client certificate ({certificate.Subject}, issued by {certificate.Issuer}, valid until {certificate.NotAfter:yyyy-MM-dd}). " +
              "Check that the secret holds the PFX Kaspersky issued for this account and that it has not expired or been revoked."
            : "The TIP server refused the connection: the secret holds no client certificate. Upload the PFX file Kaspersky issued for this account.";
        return new Error("tip_client_certificate_refused", message, ErrorKind.Unavailable) { RevealsConfiguration = true };
    }

    private static TipFailure ProxyFailure(HttpRequestException exception, TipTransport transport)
    {
        if (exception.StatusCode == HttpStatusCode.ProxyAuthenticationRequired || exception.Message.Contains("'407'", StringComparison.Ordinal))
        {
            return new TipFailure(false, "proxy authentication failed (407)", ProxyAuthenticationError(transport));
        }

        // Not the proxy's address: this summary ends up in "TIP did not answer usefully", which analysts read.
        return Transient("the proxy server could not connect to TIP");
    }

    public static Error ProxyAuthenticationError(TipTransport transport) => new(
        "tip_proxy_authentication_failed",
        $"The proxy server {transport.Proxy?.Address.GetLeftPart(UriPartial.Authority) ?? "the proxy server"} refused KumaTip's credentials (407 Proxy Authentication Required). Check the user and password of the proxy in Resources → Proxies.",
        ErrorKind.Unavailable)
    {
        RevealsConfiguration = true,
    };

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
