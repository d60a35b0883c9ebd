using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using KumaTip.IntegrationTests.Secrets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.IntegrationTests.Infrastructure;

/// <summary>
/// The app served by a real Kestrel on 127.0.0.1, configured as an operator would (<c>urls</c>, and for HTTPS
/// <c>Kestrel:Certificates:Default</c> with a PFX the tests make), with clients that connect from any loopback
/// address: a browser, an attacker on another host, a reverse proxy.
/// </summary>
public class KestrelApp<TDb> : KumaTipApp<TDb>
    where TDb : IDatabaseKind
{
    /// <summary>The name clients ask for: HSTS is never sent to localhost or a bare loopback address.</summary>
    public const string HostName = "kumatip.test";

    private const string PfxPassword = "Tls-Test-Pass-1";

    public KestrelApp(bool https = false)
    {
        UseKestrel();
        Https = https;
        if (https)
        {
            var pfx = TestCertificates.Pfx(PfxPassword, subject: "CN=" + HostName);
            Directory.CreateDirectory(DataDirectory); // deleted with the app
            File.WriteAllBytes(PfxPath, pfx);
            Thumbprint = X509CertificateLoader.LoadPkcs12(pfx, PfxPassword).Thumbprint;
        }
    }

    public bool Https { get; }

    public string? Thumbprint { get; }

    private string PfxPath => Path.Combine(DataDirectory, "tls.pfx");

    public Uri HttpAddress => AddressOf("http");

    public Uri HttpsAddress => AddressOf("https");

    /// <summary>A client that keeps cookies, follows no redirect and connects from <paramref name="from"/> (a loopback address).</summary>
    public HttpClient ClientFrom(string from = "127.0.0.1", bool https = false)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 c && c.Thumbprint == Thumbprint;
        var address = https ? HttpsAddress : HttpAddress;
        var client = new HttpClient(new CookieJar { InnerHandler = handler }) { BaseAddress = new Uri($"{address.Scheme}://{HostName}:{address.Port}") };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings() =>
        Https
            ?
            [
                new("urls", "http://127.0.0.1:0;https://127.0.0.1:0"),
                new("Kestrel:Certificates:Default:Path", PfxPath),
                new("Kestrel:Certificates:Default:Password", PfxPassword),
            ]
            : [new("urls", "http://127.0.0.1:0")];

    private Uri AddressOf(string scheme) =>
        new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith(scheme + "://", StringComparison.Ordinal)));

    /// <summary>
    /// Sends back every cookie it was given, Secure or not: a TLS-terminating proxy passes a browser's cookies on over
    /// plain HTTP, which a <see cref="CookieContainer"/> would not do with Secure ones.
    /// </summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var (name, value) = (setCookie[..setCookie.IndexOf('=')], setCookie[(setCookie.IndexOf('=') + 1)..].Split(';')[0]);
                if (value.Length == 0)
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }

            return response;
        }
    }
}
