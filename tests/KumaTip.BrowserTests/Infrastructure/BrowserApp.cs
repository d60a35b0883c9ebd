using KumaTip.IntegrationTests.ThreatLookup;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KumaTip.BrowserTests.Infrastructure;

/// <summary>
/// The integration tests' app with the in-process TIP simulator, served by Kestrel on a free loopback port:
/// a browser needs a real socket, which the in-memory TestServer does not give.
/// </summary>
public sealed class BrowserApp : LookupApp<OnSqlite>
{
    public BrowserApp() => UseKestrel(0);

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
}
