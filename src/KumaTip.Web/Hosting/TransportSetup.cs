using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace KumaTip.Web.Hosting;

/// <summary>
/// HTTPS and what may stand in front of it (README, "Security"). Kestrel serves HTTPS from its own configuration: an
/// https address (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, <c>ASPNETCORE_HTTPS_PORTS</c> or a <c>Kestrel:Endpoints</c>
/// entry) and the certificate in <c>Kestrel:Certificates:Default</c>, checked here at start-up. With HTTPS on, plain
/// HTTP is redirected and HSTS sent; behind a TLS-terminating proxy named in <c>ForwardedHeaders</c>, a request takes
/// the client's address and scheme from X-Forwarded-For and X-Forwarded-Proto, so cookies get Secure there too.
/// </summary>
public static class TransportSetup
{
    public static IServiceCollection AddKumaTipTransport(this IServiceCollection services)
    {
        services.AddOptions<ServerCertificateSettings>().BindConfiguration(ServerCertificateSettings.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerCertificateSettings>, ServerCertificateSettings.Check>();
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Every hop from the right is believed while it is a known proxy: the first unknown one is the client.
            o.ForwardLimit = null;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.Value.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.Value.KnownNetworks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    /// <summary>First in the pipeline, so everything after sees the client's address and scheme; off unless configured.</summary>
    public static WebApplication UseKumaTipForwardedHeaders(this WebApplication app)
    {
        // Without a known proxy the middleware would believe the headers from anyone.
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.IsOn)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    public static WebApplication UseKumaTipHttps(this WebApplication app)
    {
        if (ServesHttps(app.Configuration))
        {
            app.UseHsts();
            // Probes of the container and the load balancer ask over plain HTTP and want an answer, not a redirect.
            app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
        }

        return app;
    }

    /// <summary>An https address to listen on, or the HTTPS port of a proxy in front (<c>ASPNETCORE_HTTPS_PORT</c>).</summary>
    private static bool ServesHttps(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
        || configuration["https_ports"] is { Length: > 0 }
        || configuration["https_port"] is { Length: > 0 }
        || configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Any(e => e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) == true);
}
