using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KumaTip.Application.Common;
using KumaTip.Application.Proxies;
using KumaTip.Application.Secrets.Certificates;
using KumaTip.Application.ThreatLookup.Settings;

namespace KumaTip.Application.ThreatLookup.Client;

/// <summary>
/// The HTTP plumbing for one connection version: a <see cref="SocketsHttpHandler"/> presenting the PFX's certificate,
/// checking TIP's certificate, going through the chosen proxy. Owns the handler and the certificate.
/// </summary>
internal sealed class TipTransport : IDisposable
{
    private readonly X509Certificate2? _clientCertificate;

    private TipTransport(HttpMessageInvoker invoker, X509Certificate2? clientCertificate, TipWebProxy? proxy, TipTlsObservation tls)
    {
        Invoker = invoker;
        _clientCertificate = clientCertificate;
        ClientCertificate = clientCertificate is null ? null : TipCertificateInfo.Of(clientCertificate);
        Proxy = proxy;
        Tls = tls;
    }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>The certificate presented in the handshake; null when the secret holds none.</summary>
    public TipCertificateInfo? ClientCertificate { get; }

    public TipWebProxy? Proxy { get; }

    public TipTlsObservation Tls { get; }

    /// <summary>
    /// Builds the handler. Fails (without a word of the passwords) when the PFX, the extra CA or the proxy's bypass
    /// list cannot be read. An empty PFX means no client certificate: TIP will refuse the handshake, and says so.
    /// </summary>
    /// <param name="afterHandshake">Only for <see cref="TipHandshakeProbe"/>: runs on each new connection once TLS is up.</param>
    public static Result<TipTransport> Create(
        TipConnection connection,
        TipClientOptions options,
        PfxInspector pfxInspector,
        TimeProvider time,
        Func<SocketsHttpPlaintextStreamFilterContext, CancellationToken, ValueTask<Stream>>? afterHandshake = null)
    {
        var extraRoots = ReadExtraRoots(connection.ExtraCaPem);
        if (extraRoots.Error is { } caError)
        {
            return caError;
        }

        TipWebProxy? proxy = null;
        if (connection.Proxy is { } proxyConnection)
        {
            var bypass = BypassList.Parse(proxyConnection.Bypass);
            if (bypass.Error is { } bypassError)
            {
                return bypassError;
            }

            proxy = TipWebProxy.From(proxyConnection, bypass.Value!);
        }

        X509Certificate2? clientCertificate = null;
        if (connection.Pfx is { Length: > 0 })
        {
            try
            {
                clientCertificate = pfxInspector.LoadClientCertificate(connection.Pfx, connection.PfxPassword);
            }
            catch (Exception e) when (e is CryptographicException or InvalidOperationException)
            {
                // The exception's text is not passed on: it is about the file, and the file is a secret.
                return new Error(
                    "tip_pfx_unreadable",
                    "The PFX of the Threat Lookup secret cannot be opened: its PFX password is wrong, the file is damaged, or it holds no private key. Upload the PFX again in Resources → Secrets.",
                    ErrorKind.Unavailable);
            }
        }

        var tls = new TipTlsObservation();
        var validator = new TipServerCertificateValidator(extraRoots.Value!, tls, time);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            // Only the chosen proxy: never one from the environment (HTTPS_PROXY), which the administrator did not choose.
            UseProxy = proxy is not null,
            Proxy = proxy,
            ConnectTimeout = TipHttpClientCache.AttemptTimeoutOf(connection),
            PooledConnectionLifetime = options.PooledConnectionLifetime,
            PlaintextStreamFilter = afterHandshake,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Always present the certificate, whatever CA names the server lists: TIP decides, and says no clearly.
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = validator.Validate,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            },
        };
        return new TipTransport(new HttpMessageInvoker(handler, disposeHandler: true), clientCertificate, proxy, tls);
    }

    /// <summary>Whether requests to <paramref name="baseUrl"/> go through the proxy.</summary>
    public bool UsesProxyFor(Uri baseUrl) => Proxy is not null && !Proxy.IsBypassed(baseUrl);

    public void Dispose()
    {
        Invoker.Dispose();
        _clientCertificate?.Dispose();
    }

    private static Result<X509Certificate2Collection> ReadExtraRoots(string? pem)
    {
        var roots = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(pem))
        {
            return roots;
        }

        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            roots.Clear();
        }

        if (roots.Count == 0)
        {
            return new Error(
                "tip_extra_ca_invalid",
                "The CA certificate in the Threat Lookup settings is not a PEM certificate (-----BEGIN CERTIFICATE-----).",
                ErrorKind.Unavailable)
            {
                Field = "ExtraCaPem",
            };
        }

        return roots;
    }
}
