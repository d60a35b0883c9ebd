using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using KumaTip.TipSimulator.Certificates;
using KumaTip.TipSimulator.Hosting;

namespace KumaTip.IntegrationTests.TipSimulator;

/// <summary>A real HttpClient as KumaTip builds one: client certificate, server validated against the simulator's CA only, Basic credentials.</summary>
internal static class SimulatorClient
{
    // Generating certificates is the slow part of starting a simulator; the tests share one set.
    private static readonly Lazy<SimulatorCertificates> Shared = new(SimulatorCertificates.Generate);

    public static SimulatorCertificates SharedCertificates => Shared.Value;

    public static Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null)
    {
        var options = new SimulatorOptions { Certificates = SharedCertificates };
        configure?.Invoke(options);
        return SimulatorHost.StartAsync(options);
    }

    /// <param name="certificate">The client certificate to present; by default the simulator's own, null for none.</param>
    public static HttpClient Create(SimulatorHost host, ClientPfx? certificate, string? userName = null, string? password = null, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = certificate is null ? null : [X509CertificateLoader.LoadPkcs12(certificate.Bytes, certificate.Password)],
                RemoteCertificateValidationCallback = (_, serverCertificate, _, errors) =>
                    serverCertificate is X509Certificate2 server
                    && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                    && ChainsTo(server, host.Certificates.CaCertificate),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = host.BaseUrl, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName ?? host.UserName}:{password ?? host.Password}"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        return client;
    }

    public static HttpClient Create(SimulatorHost host) => Create(host, host.Certificates.Client);

    /// <summary>The request KumaTip sends: the value as one percent-encoded segment.</summary>
    public static string LookupPath(string type, string value, string? sections = null, int? count = null)
    {
        var query = new List<string>();
        if (sections is not null)
        {
            query.Add($"sections={sections}");
        }

        if (count is not null)
        {
            query.Add($"count={count}");
        }

        query.Add("format=json");
        return $"/api/{type}/{Uri.EscapeDataString(value)}?{string.Join('&', query)}";
    }

    public static Task<HttpResponseMessage> LookupAsync(this HttpClient client, string type, string value, string? sections = null, int? count = null) =>
        client.GetAsync(LookupPath(type, value, sections, count));

    /// <summary>Looks up and expects 200 with a JSON object.</summary>
    public static async Task<JsonObject> LookupJsonAsync(this HttpClient client, string type, string value, string? sections = null, int? count = null)
    {
        using var response = await client.LookupAsync(type, value, sections, count);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for {type} {value}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate) && chain.ChainElements[^1].Certificate.Thumbprint == authority.Thumbprint;
    }
}
